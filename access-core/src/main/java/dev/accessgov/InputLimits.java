package dev.accessgov;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * The bounds every input is checked against before anything is written, so that whatever the
 * service accepts can be stored, exported and verified offline:
 *
 * <ul>
 *   <li><b>Identifiers</b> (people, roles, records, applications, groups, tickets, idempotency
 *       keys): 1 to {@value #MAX_ID_LENGTH} characters, not blank, no control characters, and
 *       well-formed Unicode (no lone surrogate). The id types check this when they are made, so a
 *       catalog cannot hold a role id that no request could name.
 *   <li><b>Free text</b> (reasons, comments, notes): not blank, at most {@link #maxTextLength()}
 *       characters (default {@value #DEFAULT_MAX_TEXT}, at most {@value #MAX_TEXT_CEILING}),
 *       well-formed Unicode, and no control characters other than tab, line feed and carriage
 *       return.
 *   <li><b>Evidence events</b>: at most {@link dev.accessgov.evidence.EvidenceEvent#MAX_LINE_BYTES}
 *       bytes as an exported line; the store refuses a larger one and the verifier reads any line
 *       up to that size, so nothing written can fail to verify for its size.
 * </ul>
 *
 * A value outside these bounds is refused with an {@link InvalidRequestException} that names it.
 *
 * @param maxTextLength the longest free text accepted, in UTF-16 characters
 */
public record InputLimits(int maxTextLength) {
  /** The longest identifier accepted, in UTF-16 characters. */
  public static final int MAX_ID_LENGTH = 256;

  /** The default longest free text, in UTF-16 characters. */
  public static final int DEFAULT_MAX_TEXT = 4096;

  /** The largest {@link #maxTextLength()} that may be configured. */
  public static final int MAX_TEXT_CEILING = 65_536;

  private static final InputLimits DEFAULTS = new InputLimits(DEFAULT_MAX_TEXT);

  /** Checks the text limit is between 1 and {@value #MAX_TEXT_CEILING}. */
  public InputLimits {
    if (maxTextLength < 1 || maxTextLength > MAX_TEXT_CEILING) {
      throw new AccessConfigurationException(
          "maxTextLength must be between 1 and " + MAX_TEXT_CEILING + ", was " + maxTextLength);
    }
  }

  /** The defaults: free text up to {@value #DEFAULT_MAX_TEXT} characters. */
  public static InputLimits defaults() {
    return DEFAULTS;
  }

  /**
   * Checks a piece of free text and returns it without surrounding white space.
   *
   * @param name what the text is, for the message (e.g. {@code reason})
   * @throws InvalidRequestException when it is null, blank, too long, or not clean Unicode text
   */
  public String text(@Nullable String text, String name) {
    if (text == null || text.isBlank()) {
      throw new InvalidRequestException(name + " must not be blank");
    }
    if (text.length() > maxTextLength) {
      throw new InvalidRequestException(
          name
              + " is "
              + text.length()
              + " characters long; at most "
              + maxTextLength
              + " are accepted");
    }
    int bad = firstBad(text, true);
    if (bad >= 0) {
      throw new InvalidRequestException(name + " " + badCharacter(text, bad) + "; use plain text");
    }
    return text.strip();
  }

  /**
   * Checks an identifier.
   *
   * @param kind what it identifies, for the message (e.g. {@code a person id})
   * @return {@code value}, unchanged
   * @throws InvalidRequestException when it is null, blank, too long or holds a control character
   *     or a lone surrogate
   */
  public static String id(@Nullable String value, String kind) {
    requireNonNull(kind, "kind");
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(kind + " must not be blank");
    }
    if (value.length() > MAX_ID_LENGTH) {
      throw new InvalidRequestException(
          kind
              + " is "
              + value.length()
              + " characters long; at most "
              + MAX_ID_LENGTH
              + " are accepted");
    }
    int bad = firstBad(value, false);
    if (bad >= 0) {
      throw new InvalidRequestException(
          kind + " '" + printable(value) + "' " + badCharacter(value, bad));
    }
    return value;
  }

  /** The index of the first character that is not allowed, or -1. */
  private static int firstBad(String s, boolean lineBreaksAllowed) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        return i;
      }
      if (Character.isLowSurrogate(c)) {
        return i;
      }
      boolean allowedBreak = lineBreaksAllowed && (c == '\t' || c == '\n' || c == '\r');
      if (Character.isISOControl(c) && !allowedBreak) {
        return i;
      }
    }
    return -1;
  }

  private static String badCharacter(String s, int at) {
    char c = s.charAt(at);
    String what = Character.isSurrogate(c) ? "a lone surrogate" : "the control character";
    return String.format("holds %s U+%04X at position %d", what, (int) c, at);
  }

  /** The value with control characters and surrogates shown as {@code ?}, for a message. */
  private static String printable(String value) {
    StringBuilder out = new StringBuilder(Math.min(value.length(), 64));
    for (int i = 0; i < value.length() && i < 64; i++) {
      char c = value.charAt(i);
      out.append(Character.isISOControl(c) || Character.isSurrogate(c) ? '?' : c);
    }
    return value.length() > 64 ? out + "…" : out.toString();
  }
}
