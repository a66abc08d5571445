package dev.accessgov.retry;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.spi.AccessObserver;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;

/**
 * How a provider module talks to its vendor: retries, timeouts, the time budget of one operation,
 * whether plain http is allowed (tests only) and the clock. One immutable value, taken by every
 * provider builder ({@code client(...)}), so a host sets these once for all its vendors, and every
 * builder checks them the same way.
 *
 * <pre>{@code
 * ClientSettings shared = ClientSettings.builder().totalTimeout(Duration.ofMinutes(2)).build();
 * OktaIdentityProvider.builder().client(shared)...
 * EntraIdentityProvider.builder().client(c -> c.maxAttempts(8))...   // its own defaults, changed
 * }</pre>
 *
 * @param retry attempts, backoff and the total time of one operation
 * @param requestTimeout how long one request may wait for its answer
 * @param connectTimeout how long opening a connection may take
 * @param allowInsecureHttpForTests whether endpoints may use plain http (emulators on localhost)
 * @param clock the clock of receipts and rate-limit resets
 * @param observer hears of every retried request ({@link AccessObserver#providerRetry}) and every
 *     rate-limit answer ({@link AccessObserver#providerRateLimited}), with the provider's id
 */
public record ClientSettings(
    RetrySettings retry,
    Duration requestTimeout,
    Duration connectTimeout,
    boolean allowInsecureHttpForTests,
    Clock clock,
    AccessObserver observer) {

  /** Checks every part is present and every duration positive. */
  public ClientSettings {
    requireNonNull(retry, "retry");
    requireNonNull(clock, "clock");
    requireNonNull(observer, "observer");
    positive("requestTimeout", requestTimeout);
    positive("connectTimeout", connectTimeout);
  }

  /** Settings without an observer ({@link AccessObserver#none()}). */
  public ClientSettings(
      RetrySettings retry,
      Duration requestTimeout,
      Duration connectTimeout,
      boolean allowInsecureHttpForTests,
      Clock clock) {
    this(
        retry,
        requestTimeout,
        connectTimeout,
        allowInsecureHttpForTests,
        clock,
        AccessObserver.none());
  }

  /**
   * Library-wide defaults: 5 attempts, backoff from 500 ms up to 10 s, 75 s per operation, 30 s per
   * request, 10 s to connect, https only, the system clock, no observer. Provider builders start
   * from their vendor's own defaults instead.
   */
  public static ClientSettings defaults() {
    return builder().build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these settings. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.maxAttempts = retry.maxAttempts();
    b.initialBackoff = retry.initialBackoff();
    b.maxBackoff = retry.maxBackoff();
    b.totalTimeout = retry.totalTimeout();
    b.requestTimeout = requestTimeout;
    b.connectTimeout = connectTimeout;
    b.allowInsecureHttpForTests = allowInsecureHttpForTests;
    b.clock = clock;
    b.observer = observer;
    return b;
  }

  /**
   * Checks an endpoint a builder was given: an absolute URL with a host, https, or http only with
   * {@link #allowInsecureHttpForTests}.
   *
   * @param vendor the vendor, named in the message (e.g. {@code Okta})
   * @param setting the builder setting it came from (e.g. {@code orgUrl})
   * @param value what was given
   * @param example a valid value, shown in the message
   * @throws AccessConfigurationException naming the setting and what to give instead
   */
  public URI endpoint(String vendor, String setting, String value, String example) {
    String what = vendor + " " + setting + " '" + value + "'";
    URI url;
    try {
      url = new URI(requireNonNull(value, setting).trim());
    } catch (URISyntaxException e) {
      throw new AccessConfigurationException(what + " is not a URL; expected e.g. " + example);
    }
    if (url.getHost() == null || url.getScheme() == null) {
      throw new AccessConfigurationException(what + " has no host; expected e.g. " + example);
    }
    boolean https = url.getScheme().equalsIgnoreCase("https");
    boolean http = url.getScheme().equalsIgnoreCase("http");
    if (!https && !(http && allowInsecureHttpForTests)) {
      throw new AccessConfigurationException(
          what + " must use https; http is accepted only with allowInsecureHttpForTests(true)");
    }
    return url;
  }

  private static void positive(String name, Duration value) {
    requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }

  /** Builds {@link ClientSettings}; every setter keeps the others as they are. */
  public static final class Builder {
    private int maxAttempts = 5;
    private Duration initialBackoff = Duration.ofMillis(500);
    private Duration maxBackoff = Duration.ofSeconds(10);
    private Duration totalTimeout = Duration.ofSeconds(75);
    private Duration requestTimeout = Duration.ofSeconds(30);
    private Duration connectTimeout = Duration.ofSeconds(10);
    private boolean allowInsecureHttpForTests;
    private Clock clock = Clock.systemUTC();
    private AccessObserver observer = AccessObserver.none();

    private Builder() {}

    /** Attempts per call, the first included; at least 1 (1 means no retries). */
    public Builder maxAttempts(int maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** The wait after the first retryable failure; it doubles per attempt, with jitter. */
    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = initialBackoff;
      return this;
    }

    /** The longest wait between attempts. */
    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = maxBackoff;
      return this;
    }

    /** How long one operation may take in all, its waits and every request included. */
    public Builder totalTimeout(Duration totalTimeout) {
      this.totalTimeout = totalTimeout;
      return this;
    }

    /** How long one request may wait for its answer. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = requestTimeout;
      return this;
    }

    /** How long opening a connection may take. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = connectTimeout;
      return this;
    }

    /** Lets endpoints use plain http, for emulators on localhost. Never in production. */
    public Builder allowInsecureHttpForTests(boolean allow) {
      this.allowInsecureHttpForTests = allow;
      return this;
    }

    /** The clock of receipts and rate-limit resets. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /**
     * Hears of retries and rate-limit answers (usually the observer the service was given, so
     * meters see them). Default: {@link AccessObserver#none()}.
     */
    public Builder observer(AccessObserver observer) {
      this.observer = observer;
      return this;
    }

    /**
     * The settings.
     *
     * @throws AccessConfigurationException naming the setting that is out of bounds
     */
    public ClientSettings build() {
      try {
        return new ClientSettings(
            new RetrySettings(maxAttempts, initialBackoff, maxBackoff, totalTimeout),
            requestTimeout,
            connectTimeout,
            allowInsecureHttpForTests,
            clock,
            observer);
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new AccessConfigurationException("client settings: " + e.getMessage());
      }
    }
  }
}
