package dev.accessgov.evidence;

import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Iterator;
import java.util.List;

/** STUB until the evidence branch is merged. */
public final class EvidenceExport {
  private EvidenceExport() {}

  /** Stub. */
  public static void write(
      Path dir, Iterator<EvidenceEvent> events, List<Checkpoint> checkpoints, PublicKey key) {
    throw new UnsupportedOperationException("stub");
  }
}
