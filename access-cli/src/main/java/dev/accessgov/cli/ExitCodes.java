package dev.accessgov.cli;

/**
 * What {@code access-cli}'s exit status means. Listed in every command's help and in the module
 * README; scripts rely on them, so they do not change.
 */
public final class ExitCodes {
  /** The command did what was asked; for {@code verify}, the evidence verified. */
  public static final int OK = 0;

  /**
   * The evidence does not verify against the keys: it was changed, truncated, signed by another
   * key, or not signed at all (events no checkpoint of a trusted key covers); or it does not extend
   * a checkpoint given with {@code --since}.
   */
  public static final int VERIFICATION_FAILED = 1;

  /**
   * The command line or its input is wrong: an unknown option, a missing file or directory, a file
   * that is not a key, an unknown record id. Picocli's usage code.
   */
  public static final int USAGE = 2;

  /**
   * The store cannot be used: it cannot be opened or reached, is held by a running application, or
   * was migrated by a newer version of access-jdbc.
   */
  public static final int STORE = 3;

  /** Something failed that should not have: a bug in access-cli; please report it. */
  public static final int INTERNAL = 4;

  /** The lines appended to every command's help. */
  static final String[] HELP =
      new String[] {
        "%nExit status:",
        "  0  OK (for verify: the evidence verified)",
        "  1  verification failed: the evidence was changed, cut, or is not covered by a",
        "     checkpoint of a trusted key (or does not extend the --since checkpoint)",
        "  2  usage or input error: bad option, missing file or directory, not a key,",
        "     unknown record",
        "  3  the store cannot be used: unreachable, held by a running application,",
        "     not a store (no schema), or of another schema version",
        "  4  internal error (a bug in access-cli)%n"
      };

  private ExitCodes() {}
}
