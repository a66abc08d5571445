package dev.accessgov;

/**
 * The evidence log no longer contains what a signed checkpoint says it did: events were removed or
 * rewritten since that checkpoint (published outside the store, or stored in it). The library
 * refuses to sign a new checkpoint over such a log, since signing would vouch for the change.
 * Nothing was written; restore the store from a backup that verifies, and investigate who could
 * write to it.
 */
public class EvidenceIntegrityException extends AccessException {
  private static final long serialVersionUID = 1L;

  /** An exception naming the checkpoint and what the log holds instead. */
  public EvidenceIntegrityException(String message) {
    super(message);
  }
}
