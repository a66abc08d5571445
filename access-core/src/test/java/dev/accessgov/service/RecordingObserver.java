package dev.accessgov.service;

import dev.accessgov.SweepResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.spi.AccessObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;

/**
 * Writes down every record event it hears as {@code "<event> <record id> <detail>"} and every
 * provider call as {@code "call <provider>.<operation> <took> <ok|failure type>"}.
 */
class RecordingObserver implements AccessObserver {
  final List<String> events = new CopyOnWriteArrayList<>();
  final List<String> calls = new CopyOnWriteArrayList<>();

  /** The record events of {@code record}, without its id. */
  List<String> of(AccessRecord record) {
    String id = " " + record.id().value();
    return events.stream().filter(e -> e.contains(id)).map(e -> e.replace(id, "")).toList();
  }

  @Override
  public void requested(AccessRecord record) {
    events.add("requested " + record.id().value() + " " + record.state());
  }

  @Override
  public void approved(AccessRecord record, Duration sinceRequest) {
    events.add("approved " + record.id().value() + " " + sinceRequest);
  }

  @Override
  public void denied(AccessRecord record, Duration sinceRequest) {
    events.add("denied " + record.id().value() + " " + sinceRequest);
  }

  @Override
  public void provisioned(AccessRecord record, Duration sinceApproval) {
    events.add("provisioned " + record.id().value() + " " + sinceApproval);
  }

  @Override
  public void ended(AccessRecord record) {
    events.add("ended " + record.id().value() + " " + record.state());
  }

  @Override
  public void providerCall(
      String providerId, String operation, Duration took, @Nullable Throwable failure) {
    calls.add(
        "call "
            + providerId
            + "."
            + operation
            + " "
            + took
            + " "
            + (failure == null ? "ok" : failure.getClass().getSimpleName()));
  }

  @Override
  public void sweep(String name, Duration took, SweepResult result) {
    events.add("sweep " + name);
  }
}
