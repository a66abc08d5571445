package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.google.emulator.EmulatedFailure;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.google.internal.GoogleCalls;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.testkit.AllLogsCaptured;
import dev.accessgov.testkit.ProviderWorld;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A canary for credentials: with every logger at its most verbose (java.util.logging, which
 * google-http-client and the JDK's HTTP client write to, and SLF4J), the provider is driven through
 * every error path; the access token Google's token endpoint issued, the signed JWT assertion and
 * the service-account private key must then appear in no log line, no exception message in any
 * cause chain, no {@code toString()} and no evidence.
 */
class GoogleSecretCanaryTest {
  private static final String TOKEN_CANARY = "ya29.CANARY-c4n4ry-";
  private static final String GROUP = "03canary000001";

  private static AllLogsCaptured logs;

  @BeforeAll
  static void everyLoggerAtItsLoudest() throws ReflectiveOperationException {
    logs = new AllLogsCaptured();
  }

  @AfterAll
  static void restore() throws ReflectiveOperationException {
    logs.close();
  }

  @Test
  @DisplayName("no token, assertion or private key in any log, message, toString or evidence")
  void noSecretAnywhere() {
    assertThat(logs.verbose(GoogleCalls.class.getName()))
        .as("every logger at its finest level, or this test would look at nothing")
        .isTrue();
    List<String> texts = new ArrayList<>();
    try (GoogleEmulator google = new GoogleEmulator()) {
      ServiceAccountKey key = new ServiceAccountKey(google.tokenUri());
      google.tokens().trust(key.publicKey()).tokenPrefix(TOKEN_CANARY);
      google.group(GROUP, "canary@example.com");
      String user = google.user("canary-user@example.com", null);
      GoogleIdentityProviderBuilder builder =
          Emulated.provider(google, key)
              .client(c -> c.maxAttempts(2))
              .client(c -> c.totalTimeout(Duration.ofMinutes(1)));
      texts.add(builder.toString());
      GoogleIdentityProvider provider = builder.build();
      texts.add(provider.toString());

      // Healthy calls first: they fetch and use the token.
      texts.add(String.valueOf(provider.findUser(user)));
      texts.add(provider.addMember(GROUP, user).toString());
      texts.add(provider.addMember(GROUP, user).toString()); // 409 duplicate
      texts.add(String.valueOf(provider.isMember(GROUP, user)));
      texts.add(provider.members(GROUP, null).toString());
      texts.add(provider.lastLogin(user).toString());
      texts.add(provider.removeMember(GROUP, user).toString());
      texts.add(provider.removeMember(GROUP, user).toString()); // 404 not a member

      // Every error path.
      List<Supplier<Object>> calls = new ArrayList<>();
      calls.add(() -> failing(google, 2, EmulatedFailure.status(401, "authError"), provider, user));
      calls.add(() -> failing(google, 1, EmulatedFailure.status(403, "forbidden"), provider, user));
      calls.add(() -> failing(google, 2, EmulatedFailure.userRateLimited(), provider, user));
      calls.add(() -> failing(google, 2, EmulatedFailure.status(429), provider, user));
      calls.add(() -> failing(google, 2, EmulatedFailure.status(500), provider, user));
      calls.add(() -> failing(google, 2, EmulatedFailure.status(503), provider, user));
      calls.add(() -> failing(google, 2, EmulatedFailure.malformedJson(), provider, user));
      calls.add(() -> failing(google, 2, EmulatedFailure.connectionReset(), provider, user));
      calls.add(() -> provider.addMember(GROUP, "999999999999")); // 404 user
      calls.add(() -> provider.removeMember("03nosuchgroup", user)); // 404 group
      calls.add(() -> provider.isMember("nosuch@example.com", user)); // 404 group e-mail
      ServiceAccountKey stranger = new ServiceAccountKey(google.tokenUri());
      GoogleIdentityProvider refused =
          Emulated.provider(google, stranger).client(c -> c.maxAttempts(2)).build();
      texts.add(refused.toString());
      calls.add(() -> refused.findUser(user)); // the token endpoint refuses the key
      for (Supplier<Object> call : calls) {
        Throwable thrown = catchThrowable(call::get);
        texts.add(chain(thrown));
      }

      // Evidence: a grant and a revoke through AccessService, and a grant Google refuses.
      texts.addAll(evidence(google, provider));

      List<String> secrets = new ArrayList<>();
      secrets.add(TOKEN_CANARY);
      secrets.add(key.privateKeyFragment());
      secrets.add(stranger.privateKeyFragment());
      secrets.addAll(assertionSignatures(google));
      assertThat(secrets).hasSizeGreaterThan(3);

      String logged = logs.text();
      assertThat(logs.julRecords()).as("java.util.logging saw the calls").isPositive();
      for (String secret : secrets) {
        assertThat(logged).as("SLF4J, java.util.logging, stdout and stderr").doesNotContain(secret);
        assertThat(texts)
            .as("messages, toString and evidence")
            .noneSatisfy(text -> assertThat(text).contains(secret));
      }
    }
  }

  private static Object failing(
      GoogleEmulator google,
      int times,
      EmulatedFailure failure,
      GoogleIdentityProvider provider,
      String user) {
    google.failNext(times, failure);
    return provider.isMember(GROUP, user);
  }

  /** Every message, toString and stack trace along the cause chain, suppressed ones included. */
  private static String chain(Throwable thrown) {
    if (thrown == null) {
      return "";
    }
    StringWriter out = new StringWriter();
    thrown.printStackTrace(new PrintWriter(out));
    StringBuilder text = new StringBuilder(out.toString());
    for (Throwable t = thrown; t != null; t = t.getCause()) {
      text.append('\n').append(t).append('\n').append(t.getMessage());
      for (Throwable s : t.getSuppressed()) {
        text.append('\n').append(chain(s));
      }
    }
    return text.toString();
  }

  /** The signature part of every JWT assertion the provider sent: a bearer credential itself. */
  private static List<String> assertionSignatures(GoogleEmulator google) {
    List<String> signatures = new ArrayList<>();
    for (ServeEvent e : google.server().getAllServeEvents()) {
      if (e.getRequest().getUrl().startsWith("/token")) {
        String assertion = GoogleEmulatorForms.value(e.getRequest().getBodyAsString(), "assertion");
        if (assertion != null && assertion.split("\\.").length == 3) {
          signatures.add(assertion.split("\\.")[2]);
        }
      }
    }
    return signatures;
  }

  private static List<String> evidence(GoogleEmulator google, GoogleIdentityProvider provider) {
    google.group("03canaryread01", "canary-readers@example.com");
    google.user("alice@example.com", null);
    AccessService access = ProviderWorld.service(provider, "canary-readers@example.com");
    List<String> texts = new ArrayList<>();
    AccessRecord granted = ProviderWorld.grantApproved(access, "alice@example.com");
    texts.add(granted.toString());
    texts.add(access.revoke(granted.id(), PersonId.of("manager"), "done").toString());
    AccessRecord again =
        access.grant(
            GrantRequest.builder()
                .subject("alice@example.com")
                .role("wiki.reader")
                .requester("requester")
                .reason("once more")
                .build());
    google.failNext(4, EmulatedFailure.status(403, "forbidden"));
    texts.add(
        chain(catchThrowable(() -> access.approve(again.id(), PersonId.of("manager"), "ok"))));
    texts.add(access.toString());
    return texts;
  }

  /** Reads one value of an {@code application/x-www-form-urlencoded} body. */
  private static final class GoogleEmulatorForms {
    static String value(String form, String name) {
      for (String pair : form.split("&")) {
        String[] kv = pair.split("=", 2);
        if (kv[0].equals(name) && kv.length == 2) {
          return java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8);
        }
      }
      return null;
    }
  }
}
