package dev.accessgov.report.internal;

import java.util.regex.Pattern;

/**
 * Takes credentials out of a store's description before a report shows it: a JDBC URL may carry a
 * password in its user-info ({@code jdbc:postgresql://user:secret@host/db}) or as a parameter
 * ({@code ?password=secret}, {@code ;PASSWORD=secret}). The password becomes {@code ***}; the user
 * name is kept. The same rules as access-cli's error messages. Not API.
 */
public final class Credentials {
  /** {@code user:password@}, with or without the {@code //} before it. */
  private static final Pattern USER_INFO = Pattern.compile("([^\\s/@:;?&=()'\"]+):[^\\s@/]*@");

  /** {@code password=…}, {@code sslpassword=…}, {@code PASSWORD=…}, {@code pwd=…}, … */
  private static final Pattern PASSWORD_PARAMETER =
      Pattern.compile("(?i)\\b([a-z_.-]*(?:password|passwd|pwd|secret)[a-z_.-]*)=[^&;\\s)'\"]*");

  private Credentials() {}

  /** {@code text} with every password of a URL in it replaced by {@code ***}. */
  public static String redact(String text) {
    String userInfo = USER_INFO.matcher(text).replaceAll("$1:***@");
    return PASSWORD_PARAMETER.matcher(userInfo).replaceAll("$1=***");
  }
}
