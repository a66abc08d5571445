package dev.accessgov.evidence;

import static java.util.Objects.requireNonNull;

/**
 * A line of an evidence export could not be read as an event or checkpoint: it is not JSON, lacks
 * or repeats a field, has an unknown field or event type, or is not in canonical form. {@link
 * EvidenceVerifier} turns it into a failed {@link VerificationResult}; other readers see it thrown
 * from {@link EvidenceReader} and {@link EvidenceExport#readCheckpoints}.
 */
public final class MalformedEvidenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;

  /**
   * Describes a malformed line.
   *
   * @param file the export file's name, such as {@code events.jsonl}
   * @param line the 1-based line number
   * @param problem what is wrong with the line
   */
  public MalformedEvidenceException(String file, long line, String problem) {
    super(requireNonNull(file, "file") + " line " + line + " is malformed: " + problem);
    this.file = file;
    this.line = line;
  }

  /** What is wrong and where: the file, the line and the problem; never null. */
  @Override
  public String getMessage() {
    return requireNonNull(super.getMessage());
  }

  /** The export file's name, such as {@code events.jsonl}. */
  public String file() {
    return file;
  }

  /** The 1-based number of the malformed line; in {@code events.jsonl} also its position. */
  public long line() {
    return line;
  }
}
