package dev.accessgov.internal;

import dev.accessgov.record.RecordId;
import java.util.List;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * Puts the record a thread works on into the SLF4J MDC ({@value #RECORD}, {@value #OPERATION}) and
 * restores what was there on {@link #close()}, so a nested call leaves the outer call's values as
 * it found them. Not API.
 */
final class RecordMdc implements AutoCloseable {
  /** The MDC key of the record id. */
  static final String RECORD = "access.record";

  /** The MDC key of the operation: the public method's name, or the sweep's. */
  static final String OPERATION = "access.operation";

  private final @Nullable String outerRecord;
  private final @Nullable String outerOperation;

  private RecordMdc() {
    this.outerRecord = MDC.get(RECORD);
    this.outerOperation = MDC.get(OPERATION);
  }

  /** Names {@code operation} on record {@code id} (null: not known yet) until closed. */
  static RecordMdc operation(@Nullable RecordId id, String operation) {
    return operation(id == null ? List.of() : List.of(id), operation);
  }

  /**
   * Names {@code operation} on the records {@code ids} (one work item of a sweep may serve several,
   * such as one bulk removal from a group), their ids joined by commas, until closed.
   */
  static RecordMdc operation(List<RecordId> ids, String operation) {
    RecordMdc scope = new RecordMdc();
    set(
        RECORD,
        ids.isEmpty() ? null : ids.stream().map(RecordId::value).collect(Collectors.joining(",")));
    set(OPERATION, operation);
    return scope;
  }

  /**
   * Names record {@code id} until closed; the operation stays the caller's when one is set, else
   * becomes {@code operation} (work a sweep does on one record).
   */
  static RecordMdc record(RecordId id, String operation) {
    RecordMdc scope = new RecordMdc();
    set(RECORD, id.value());
    if (scope.outerOperation == null) {
      set(OPERATION, operation);
    }
    return scope;
  }

  @Override
  public void close() {
    set(RECORD, outerRecord);
    set(OPERATION, outerOperation);
  }

  private static void set(String key, @Nullable String value) {
    if (value == null) {
      MDC.remove(key);
    } else {
      MDC.put(key, value);
    }
  }
}
