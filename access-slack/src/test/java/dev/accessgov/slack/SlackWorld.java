package dev.accessgov.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.slack.emulator.SlackEmulator;
import dev.accessgov.slack.internal.Links;
import dev.accessgov.slack.internal.RecordMessages;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@link Company} company with a Slack workspace (the emulator) whose members are its people by
 * e-mail, an approvals channel, a stranger, a bot, and the interaction handler under test.
 */
final class SlackWorld implements AutoCloseable {
  final Company world = new Company();
  final SlackEmulator slack = new SlackEmulator();
  final Map<String, String> ids = new LinkedHashMap<>();
  final String stranger;
  final String bot;
  final String channel;
  final Interactions in;
  SlackInteractionHandler handler;

  SlackWorld() {
    for (String person : new String[] {"bob", "carol", "alice", "dan"}) {
      ids.put(person, slack.user(person + "@acme.test", person));
    }
    stranger = slack.user("stranger@elsewhere.test", "stranger");
    bot = slack.bot("deploy-bot");
    channel =
        slack.channel(
            "access-approvals",
            ids.get("bob"),
            ids.get("carol"),
            ids.get("alice"),
            ids.get("dan"),
            stranger,
            bot);
    in = new Interactions(Company.SECRET, world.clock);
    handler = newHandler();
  }

  /** A handler as after a restart: same service and Slack, empty replay memory. */
  SlackInteractionHandler newHandler() {
    return SlackInteractionHandler.builder()
        .accessService(world.access)
        .catalog(world.catalog)
        .peopleDirectory(world.people)
        .signingSecret(() -> Company.SECRET)
        .settings(Company.settings(slack.methodsUrl(), SlackEmulator.TOKEN))
        .answerWithin(Duration.ofSeconds(30)) // a liveness bound, not a speed
        .recordUrl("https://access.example.com/records/{id}")
        .clock(world.clock)
        .build();
  }

  String id(String person) {
    return ids.get(person);
  }

  InteractionResult send(Interactions.Signed request) {
    return handler.handle(request.headers(), request.body());
  }

  /** Posts the approval message for {@code r} to the channel, as the module's delivery does. */
  String postApproval(AccessRecord r) throws Exception {
    RecordMessages.Rendered m =
        RecordMessages.render(
            r,
            world.catalog,
            world.access.pendingApproval(r.id()).orElse(null),
            true,
            Links.none());
    return slack
        .client(SlackEmulator.TOKEN)
        .chatPostMessage(x -> x.channel(channel).text(m.text()).blocks(m.blocks()))
        .getTs();
  }

  /** The message's blocks as Slack would send them back in a click's payload. */
  ArrayNode blocks(String ts) {
    return (ArrayNode) message(ts).blocks().deepCopy();
  }

  SlackEmulator.Message message(String ts) {
    return slack.messages(channel).stream()
        .filter(m -> m.ts().equals(ts))
        .findFirst()
        .orElseThrow();
  }

  /** The ephemeral messages shown to a Slack user. */
  java.util.List<String> ephemeralsFor(String userId) {
    return slack.ephemerals().stream()
        .filter(e -> e.path("user").asText().equals(userId))
        .map(e -> e.path("text").asText())
        .toList();
  }

  JsonNode lastView() {
    var views = slack.views();
    return views.get(views.size() - 1);
  }

  @Override
  public void close() {
    slack.close();
  }
}
