package dev.accessgov.spi;

import dev.accessgov.SweepResult;
import dev.accessgov.record.AccessRecord;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's observer, with every exception it throws logged and swallowed, so that a broken meter
 * never fails an operation that has already committed. The log names the event and the exception's
 * type only: the observer is the host's code and its messages are not ours to vouch for. Made by
 * {@link AccessObserver#safe}.
 */
final class SafeObserver implements AccessObserver {
  private static final Logger log = LoggerFactory.getLogger(SafeObserver.class);

  private final AccessObserver observer;

  private SafeObserver(AccessObserver observer) {
    this.observer = observer;
  }

  /** {@code observer}, made safe; one that is already safe is returned as it is. */
  static AccessObserver of(AccessObserver observer) {
    return observer instanceof SafeObserver ? observer : new SafeObserver(observer);
  }

  private void call(String event, Runnable call) {
    try {
      call.run();
    } catch (RuntimeException | LinkageError e) {
      log.warn(
          "access observer {} threw {} on {}; ignored",
          observer.getClass().getName(),
          e.getClass().getName(),
          event);
    }
  }

  @Override
  public void requested(AccessRecord record) {
    call("requested", () -> observer.requested(record));
  }

  @Override
  public void approved(AccessRecord record, Duration sinceRequest) {
    call("approved", () -> observer.approved(record, sinceRequest));
  }

  @Override
  public void denied(AccessRecord record, Duration sinceRequest) {
    call("denied", () -> observer.denied(record, sinceRequest));
  }

  @Override
  public void provisioned(AccessRecord record, Duration sinceApproval) {
    call("provisioned", () -> observer.provisioned(record, sinceApproval));
  }

  @Override
  public void ended(AccessRecord record) {
    call("ended", () -> observer.ended(record));
  }

  @Override
  public void providerCall(
      String providerId, String operation, Duration took, @Nullable Throwable failure) {
    call("providerCall", () -> observer.providerCall(providerId, operation, took, failure));
  }

  @Override
  public void providerRetry(String providerId, String operation, String reason) {
    call("providerRetry", () -> observer.providerRetry(providerId, operation, reason));
  }

  @Override
  public void providerRateLimited(String providerId, String operation, Duration wait) {
    call("providerRateLimited", () -> observer.providerRateLimited(providerId, operation, wait));
  }

  @Override
  public void sweep(String name, Duration took, SweepResult result) {
    call("sweep", () -> observer.sweep(name, took, result));
  }

  @Override
  public String toString() {
    return observer.toString();
  }
}
