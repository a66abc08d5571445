package dev.accessgov.cli;

import java.util.regex.Pattern;

/**
 * Takes credentials out of a message before access-cli prints it: a driver or pool may quote the
 * JDBC URL, or the part of it it could not parse, and a URL may carry a password in its user-info
 * ({@code jdbc:postgresql://user:secret@host/db}) or as a parameter ({@code ?password=secret},
 * {@code ;PASSWORD=secret}). The password is replaced by {@code ***}; the user name is kept.
 */
final class Redact {
  /** {@code user:password@}, with or without the {@code //} before it. */
  private static final Pattern USER_INFO = Pattern.compile("([^\\s/@:;?&=()'\"]+):[^\\s@/]*@");

  /** {@code password=…}, {@code sslpassword=…}, {@code PASSWORD=…}, {@code pwd=…}, … */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)\\b([a-z_.-]*(?:password|passwd|pwd|secret)[a-z_.-]*)=[^&;\\s)'\"]*");

  private Redact() {}

  /** {@code message} with every password of a JDBC URL in it replaced by {@code ***}. */
  static String credentials(String message) {
    String userInfo = USER_INFO.matcher(message).replaceAll("$1:***@");
    return PASSWORD_PARAMETER.matcher(userInfo).replaceAll("$1=***");
  }
}
