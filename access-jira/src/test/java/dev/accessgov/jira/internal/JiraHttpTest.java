package dev.accessgov.jira.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.jira.emulator.JiraEmulator;
import dev.accessgov.retry.RetrySettings;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Retries and typed errors of the transport, against the emulator. */
class JiraHttpTest {
  private final JiraEmulator emulator = new JiraEmulator();
  private final String key = emulator.existingIssue("target");

  @AfterEach
  void stop() {
    emulator.close();
  }

  private JiraHttp http(Supplier<String> token, int attempts) {
    return http(token, attempts, Duration.ofMinutes(2), Duration.ofMinutes(1));
  }

  private JiraHttp http(
      Supplier<String> token, int attempts, Duration totalTimeout, Duration requestTimeout) {
    return new JiraHttp(
        "jira",
        URI.create(emulator.baseUrl()),
        () ->
            "Basic "
                + Base64.getEncoder()
                    .encodeToString(
                        (JiraEmulator.EMAIL + ":" + token.get()).getBytes(StandardCharsets.UTF_8)),
        // Timeouts only a hang reaches (unless a test passes its own): the emulator answers at
        // once, and a loaded machine must not turn a healthy answer into another attempt.
        new RetrySettings(attempts, Duration.ofMillis(5), Duration.ofMillis(20), totalTimeout),
        requestTimeout,
        Duration.ofMinutes(1),
        Clock.systemUTC());
  }

  private JsonNode transitions(JiraHttp http) {
    return http.call("transition", "GET", "/rest/api/3/issue/" + key + "/transitions", null);
  }

  @Test
  @DisplayName("429 with Retry-After, 5xx and a reset connection are retried until Jira answers")
  void retriesTransientFailures() {
    emulator.failNext(1, 429).failNext(1, 503).failNext(1, -1);
    JsonNode answer = transitions(http(() -> JiraEmulator.TOKEN, 4));
    assertThat(answer.path("transitions")).isNotEmpty();
    assertThat(emulator.count("GET", "/rest/api/3/issue/" + key + "/transitions")).isEqualTo(4);
  }

  @Test
  @DisplayName("a lasting 429 ends in a RateLimitedException saying when to come back")
  void lastingRateLimit() {
    emulator.failNext(3, 429);
    RateLimitedException e =
        catchThrowableOfType(
            RateLimitedException.class, () -> transitions(http(() -> JiraEmulator.TOKEN, 3)));
    assertThat(e.retryable()).isTrue();
    assertThat(e.status()).isEqualTo(429);
    assertThat(e.retryAt()).isNotNull();
    assertThat(e.requestId()).startsWith("emu-");
  }

  @Test
  @DisplayName("a lasting 503 ends in a retryable ProviderException")
  void lastingOutage() {
    emulator.down(true);
    ProviderException e =
        catchThrowableOfType(
            ProviderException.class, () -> transitions(http(() -> JiraEmulator.TOKEN, 3)));
    assertThat(e.retryable()).isTrue();
    assertThat(e.status()).isEqualTo(503);
  }

  @Test
  @DisplayName("401 and 404 fail at once, not retryable, naming Jira's message and never the token")
  void refusalsAreTyped() {
    String wrong = "wrong-secret-token-value";
    ProviderException unauthorized =
        catchThrowableOfType(ProviderException.class, () -> transitions(http(() -> wrong, 4)));
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.retryable()).isFalse();
    assertThat(unauthorized.getMessage()).contains("API token").doesNotContain(wrong);
    assertThat(emulator.count("GET", "/rest/api/3/issue/")).isEqualTo(1);

    ProviderException missing =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                http(() -> JiraEmulator.TOKEN, 4)
                    .call("transition", "GET", "/rest/api/3/issue/NOPE-1/transitions", null));
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.retryable()).isFalse();
    assertThat(missing.operation()).isEqualTo("transition");
    assertThat(missing.getMessage()).contains("does not exist");
  }

  /**
   * JSM answers errors as its {@code ErrorResponse}, {@code {"errorMessage": "...",
   * "i18nErrorMessage": {"i18nKey": "...", "parameters": [...]}}} (Jira Service Management Cloud
   * REST API, components/schemas/ErrorResponse), not as the platform's {@code errorMessages}.
   */
  @Test
  @DisplayName("a JSM refusal names JSM's error message and its i18n key, never the token")
  void serviceDeskErrorsAreRead() {
    ObjectNode body = new ObjectMapper().createObjectNode();
    body.put("serviceDeskId", JiraEmulator.SERVICE_DESK);
    body.put("requestTypeId", JiraEmulator.REQUEST_TYPE);
    body.putObject("requestFieldValues").put("summary", "s").put("customfield_99999", "x");
    ProviderException refused =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                http(() -> JiraEmulator.TOKEN, 4)
                    .call("openOrLink", "POST", "/rest/servicedeskapi/request", body));
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.retryable()).isFalse();
    assertThat(refused.getMessage())
        .contains("Field 'customfield_99999' is not valid for this request type.")
        .doesNotContain("no error message")
        .doesNotContain(JiraEmulator.TOKEN);
    assertThat(refused.errorCode()).isEqualTo("sd.request.create.field.invalid");

    ProviderException unauthorized =
        catchThrowableOfType(
            ProviderException.class,
            () ->
                http(() -> "wrong-secret-token-value", 4)
                    .call(
                        "approvals",
                        "GET",
                        "/rest/servicedeskapi/request/ACCESS-1/approval",
                        null));
    assertThat(unauthorized.status()).isEqualTo(401);
    assertThat(unauthorized.getMessage())
        .contains("Client must be authenticated")
        .contains("API token")
        .doesNotContain("wrong-secret-token-value");
  }

  /**
   * A call on its own thread, held at the emulator; what it threw, and whether it was interrupted.
   */
  private final class HeldCall {
    final AtomicReference<Throwable> thrown = new AtomicReference<>();
    final AtomicBoolean interrupted = new AtomicBoolean();
    final JiraEmulator.Hold hold =
        emulator.hold("GET", "/rest/api/3/issue/" + key + "/transitions");
    final Thread thread;

    HeldCall(JiraHttp http) throws InterruptedException {
      thread =
          new Thread(
              () -> {
                try {
                  transitions(http);
                } catch (RuntimeException e) {
                  thrown.set(e);
                }
                interrupted.set(Thread.currentThread().isInterrupted());
              });
      thread.start();
      assertThat(hold.awaitArrival(LIVENESS)).isTrue();
    }

    ProviderException ended() throws InterruptedException {
      thread.join(LIVENESS.toMillis());
      assertThat(thread.isAlive()).as("the call ended before Jira answered").isFalse();
      hold.release();
      assertThat(thrown.get()).isInstanceOf(ProviderException.class);
      return (ProviderException) thrown.get();
    }
  }

  private static final Duration LIVENESS = Duration.ofMinutes(1);

  /** Jira would keep a caller waiting for minutes; only closing or an interrupt ends it sooner. */
  private JiraHttp patient() {
    return http(() -> JiraEmulator.TOKEN, 4, Duration.ofMinutes(5), Duration.ofMinutes(5));
  }

  @Test
  @DisplayName("after close a call sends nothing and fails at once, retryable, saying why")
  void closedSendsNothing() {
    JiraHttp http = http(() -> JiraEmulator.TOKEN, 4);
    http.close();
    ProviderException e = catchThrowableOfType(ProviderException.class, () -> transitions(http));
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("closed");
    assertThat(emulator.count("GET", "/rest/api/")).isZero();
    http.close(); // again: nothing changes
  }

  @Test
  @DisplayName("close abandons a call in flight: it fails without Jira's answer and sends no more")
  void closeAbandonsCallInFlight() throws InterruptedException {
    JiraHttp http = patient();
    HeldCall call = new HeldCall(http);

    http.close();

    ProviderException e = call.ended();
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("closed");
    assertThat(emulator.count("GET", "/rest/api/")).isEqualTo(1);
  }

  @Test
  @DisplayName(
      "an interrupt while waiting for Jira abandons the call: not retried, and the thread stays interrupted")
  void interruptAbandonsCall() throws InterruptedException {
    JiraHttp http = patient();
    HeldCall call = new HeldCall(http);

    call.thread.interrupt();

    ProviderException e = call.ended();
    assertThat(e.retryable()).isTrue();
    assertThat(e.getMessage()).contains("interrupted");
    assertThat(call.interrupted).isTrue();
    assertThat(emulator.count("GET", "/rest/api/")).isEqualTo(1);
  }
}
