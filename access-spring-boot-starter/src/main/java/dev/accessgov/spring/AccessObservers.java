package dev.accessgov.spring;

import static java.util.Objects.requireNonNull;

import dev.accessgov.SweepResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.spi.AccessObserver;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's {@link AccessObserver} beans as one observer, handed to the service and to the
 * providers' retry loops. Not an {@code AccessObserver} itself, so that it is not collected among
 * them. Each observer is called in turn; one that throws is logged and skipped, so the others still
 * hear the event.
 */
public final class AccessObservers {
  private static final Logger LOG = LoggerFactory.getLogger(AccessObservers.class);

  private final List<AccessObserver> observers;
  private final AccessObserver combined;

  /** The given observers, called in this order. */
  public AccessObservers(List<AccessObserver> observers) {
    this.observers = List.copyOf(requireNonNull(observers, "observers"));
    this.combined =
        this.observers.isEmpty()
            ? AccessObserver.none()
            : this.observers.size() == 1 ? this.observers.get(0) : new Fanout(this.observers);
  }

  /** The observers as one; {@link AccessObserver#none()} when there are none. */
  public AccessObserver observer() {
    return combined;
  }

  /** The observers, in the order they are called. */
  public List<AccessObserver> all() {
    return observers;
  }

  private static final class Fanout implements AccessObserver {
    private final List<AccessObserver> observers;

    Fanout(List<AccessObserver> observers) {
      this.observers = observers;
    }

    private void each(Consumer<AccessObserver> call) {
      for (AccessObserver o : observers) {
        try {
          call.accept(o);
        } catch (RuntimeException e) {
          LOG.warn(
              "access: observer {} failed: {}", o.getClass().getName(), e.getClass().getName());
        }
      }
    }

    @Override
    public void requested(AccessRecord record) {
      each(o -> o.requested(record));
    }

    @Override
    public void approved(AccessRecord record, Duration sinceRequest) {
      each(o -> o.approved(record, sinceRequest));
    }

    @Override
    public void denied(AccessRecord record, Duration sinceRequest) {
      each(o -> o.denied(record, sinceRequest));
    }

    @Override
    public void provisioned(AccessRecord record, Duration sinceApproval) {
      each(o -> o.provisioned(record, sinceApproval));
    }

    @Override
    public void ended(AccessRecord record) {
      each(o -> o.ended(record));
    }

    @Override
    public void providerCall(
        String providerId, String operation, Duration took, @Nullable Throwable failure) {
      each(o -> o.providerCall(providerId, operation, took, failure));
    }

    @Override
    public void providerRetry(String providerId, String operation, String reason) {
      each(o -> o.providerRetry(providerId, operation, reason));
    }

    @Override
    public void providerRateLimited(String providerId, String operation, Duration wait) {
      each(o -> o.providerRateLimited(providerId, operation, wait));
    }

    @Override
    public void sweep(String name, Duration took, SweepResult result) {
      each(o -> o.sweep(name, took, result));
    }
  }
}
