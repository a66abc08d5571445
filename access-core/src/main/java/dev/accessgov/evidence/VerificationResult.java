package dev.accessgov.evidence;

/** STUB until the evidence branch is merged. */
public record VerificationResult(
    boolean valid,
    long eventsChecked,
    long checkpointsChecked,
    long firstBadSequence,
    String reason) {}
