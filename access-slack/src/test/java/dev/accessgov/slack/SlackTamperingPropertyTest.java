package dev.accessgov.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.record.AccessRecord;
import dev.accessgov.slack.InteractionResult.Outcome;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * However a genuine Approve click is tampered with (a byte of the body, the timestamp, the
 * signature), it is refused with 401 and nothing changes: no record, no evidence, no Slack call.
 */
class SlackTamperingPropertyTest {
  private final SlackWorld s = new SlackWorld();
  private final Interactions.Signed genuine;
  private final List<Object> before;

  SlackTamperingPropertyTest() throws Exception {
    AccessRecord r = s.world.request("wiki/edit", "bob");
    String ts = s.postApproval(r);
    genuine =
        s.in.click(
            s.id("carol"), s.channel, ts, "access.approve", r.id().value(), "7.7", s.blocks(ts));
    before = s.world.snapshot();
    s.slack.server().resetRequests();
  }

  @AfterProperty
  void stop() {
    s.close();
  }

  /** One change to a genuine request: where, at which index, and by how much. */
  record Tamper(String where, int index, int delta) {}

  @Provide
  Arbitrary<Tamper> tampers() {
    return Combinators.combine(
            Arbitraries.of("body", "timestamp", "signature"),
            Arbitraries.integers().between(0, 100_000),
            Arbitraries.integers().between(1, 255))
        .as(Tamper::new);
  }

  @Property(tries = 200)
  @Label("every tampered request is refused with 401 and changes nothing")
  void tamperedIsRefused(@ForAll("tampers") Tamper t) {
    byte[] body = genuine.body().clone();
    Map<String, List<String>> headers = new LinkedHashMap<>(genuine.headers());
    String ts = headers.get("X-Slack-Request-Timestamp").get(0);
    String sig = headers.get("X-Slack-Signature").get(0);
    switch (t.where()) {
      case "body" -> {
        int i = t.index() % body.length;
        body[i] = (byte) (body[i] + t.delta());
      }
      case "timestamp" -> {
        long shift = (t.delta() % 2 == 0 ? 1 : -1) * (long) (t.index() % 400 + 1);
        headers.put(
            "X-Slack-Request-Timestamp", List.of(Long.toString(Long.parseLong(ts) + shift)));
      }
      default -> {
        char[] c = sig.toCharArray();
        int i = t.index() % c.length;
        String hex = "0123456789abcdef";
        int at = hex.indexOf(c[i]);
        c[i] = at < 0 ? 'x' : hex.charAt((at + 1 + t.delta() % 15) % 16);
        headers.put("X-Slack-Signature", List.of(new String(c)));
      }
    }

    InteractionResult r = s.handler.handle(headers, body);

    assertThat(r.outcome()).isEqualTo(Outcome.UNAUTHORIZED);
    assertThat(r.httpStatus()).isEqualTo(401);
    assertThat(s.world.snapshot()).isEqualTo(before);
    assertThat(s.slack.server().getAllServeEvents()).isEmpty();
  }

  @Property(tries = 5)
  @Label("the untampered request is genuine: the property tests a request that would act")
  void genuineWouldAct(@ForAll("tampers") Tamper ignored) {
    List<String> outcomes = new ArrayList<>();
    SlackWorld fresh = new SlackWorld();
    try {
      AccessRecord r = fresh.world.request("wiki/edit", "bob");
      String ts = fresh.postApproval(r);
      outcomes.add(
          fresh
              .send(
                  fresh.in.click(
                      fresh.id("carol"),
                      fresh.channel,
                      ts,
                      "access.approve",
                      r.id().value(),
                      "7.7",
                      fresh.blocks(ts)))
              .outcome()
              .name());
    } catch (Exception e) {
      throw new AssertionError(e);
    } finally {
      fresh.close();
    }
    assertThat(outcomes).containsExactly("APPROVED");
  }
}
