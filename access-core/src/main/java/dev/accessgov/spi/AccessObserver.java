package dev.accessgov.spi;

import dev.accessgov.SweepResult;
import dev.accessgov.record.AccessRecord;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Hears what the service did, after it committed: the source of a host's meters (requests,
 * approvals and their lag, provisioning lag, identity-provider latency, retries, rate limits, sweep
 * durations). Set with {@code AccessServiceBuilder.observer(...)}; provider modules built on {@code
 * access-retry} report retries and rate limits through the observer in their client settings.
 *
 * <p>Each method is called on the thread that did the work, after the change it reports was stored,
 * once per change (two racing callers never both report the same transition, since only one of them
 * commits it). It must return quickly and be thread-safe. An exception it throws is logged (at
 * WARN, without secrets) and ignored: it never fails the operation. Every method has a no-op
 * default, so an observer implements only what it uses.
 */
public interface AccessObserver {
  /** An observer that ignores everything. */
  static AccessObserver none() {
    return NoObserver.INSTANCE;
  }

  /**
   * {@code observer} with every exception it throws logged (at WARN, naming the event and the
   * exception's type only) and ignored, as the guarantee above says. Each part that calls an
   * observer (the service, the background work, the retry loop) wraps it once with this; an
   * observer already made safe is returned as it is.
   */
  static AccessObserver safe(AccessObserver observer) {
    return SafeObserver.of(Objects.requireNonNull(observer, "observer"));
  }

  /**
   * A request became a record, in whatever state it was admitted (pending, already approved by
   * policy, or refused). Not called when a repeated request returned an existing record.
   */
  default void requested(AccessRecord record) {}

  /**
   * The last approval a record needed was given.
   *
   * @param sinceRequest from the request to this approval on the service's clock; {@link
   *     Duration#ZERO} when policy approved the request as it was made
   */
  default void approved(AccessRecord record, Duration sinceRequest) {}

  /**
   * A pending request was refused (denied by an approver, or withdrawn when its subject was
   * offboarded).
   *
   * @param sinceRequest from the request to the refusal on the service's clock
   */
  default void denied(AccessRecord record, Duration sinceRequest) {}

  /**
   * Every membership of a record was confirmed by its identity provider: the record became {@code
   * ACTIVE}.
   *
   * @param sinceApproval from the last approval to the confirmation on the service's clock
   */
  default void provisioned(AccessRecord record, Duration sinceApproval) {}

  /**
   * A record that had been approved reached a final state: {@code REVOKED}, {@code EXPIRED} or
   * {@code FAILED} ({@link AccessRecord#state()} says which). Refusals are reported by {@link
   * #denied} instead.
   */
  default void ended(AccessRecord record) {}

  /**
   * One {@link IdentityProvider} call the service made, as it saw it: its retries and waits inside
   * the provider included.
   *
   * @param providerId the provider's {@link IdentityProvider#id()}
   * @param operation the SPI method's name, e.g. {@code addMember}
   * @param took how long the call took on the service's clock
   * @param failure what it threw, or null when it returned
   */
  default void providerCall(
      String providerId, String operation, Duration took, @Nullable Throwable failure) {}

  /**
   * A provider is about to try a failed vendor request again (fired by {@code access-retry}).
   *
   * @param reason why: the HTTP status (e.g. {@code 503}, {@code 429}) or {@code io}
   */
  default void providerRetry(String providerId, String operation, String reason) {}

  /**
   * A vendor answered that its rate limit or quota was reached (fired by {@code access-retry}).
   *
   * @param wait how long the vendor asked to wait, {@link Duration#ZERO} when it did not say
   */
  default void providerRateLimited(String providerId, String operation, Duration wait) {}

  /**
   * A background sweep finished; reported by the {@link BackgroundWork} that ran it (a host calling
   * {@code expireDue()} itself times the call itself).
   *
   * @param name {@code expiry}, {@code recovery}, {@code reviews} (deadlines and reminders), {@code
   *     emergency-review}, {@code reclaim:<policy>}, {@code reconcile} or {@code checkpoint}
   * @param took how long it ran on the service's clock
   * @param result the records it completed, left unfinished or failed on (empty lists for sweeps
   *     that work on other things than records, such as checkpoints)
   */
  default void sweep(String name, Duration took, SweepResult result) {}
}
