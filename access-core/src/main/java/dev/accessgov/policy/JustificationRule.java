package dev.accessgov.policy;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InvalidRequestException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;

/**
 * What a request's reason must hold to be accepted for a role: a minimum number of meaningful
 * characters, optionally a ticket key matching a pattern (in the reason or in the request's ticket
 * key), and optionally that this ticket exists and is open in the ticketing system.
 *
 * <p><b>Meaningful characters</b> are letters and digits (Unicode code points for which {@link
 * Character#isLetterOrDigit(int)} holds). Spaces, punctuation and symbols do not count, so {@code
 * "....."} or {@code "-- -- --"} has length 0 and {@code "fix ABC-12"} has 8.
 *
 * @param minLength the fewest meaningful characters a reason must have; 0 for no minimum
 * @param ticketPattern a regular expression a ticket key must match somewhere in the reason or in
 *     the request's ticket key; null when no ticket is required
 * @param requireOpenTicket whether the matched ticket must exist and be open, checked through the
 *     ticketing provider; needs a {@code ticketPattern}
 */
public record JustificationRule(
    int minLength, @Nullable String ticketPattern, boolean requireOpenTicket) {

  /** A common pattern for Jira-style keys such as {@code ABC-123}. */
  public static final String JIRA_KEY = "[A-Z][A-Z0-9]+-\\d+";

  private static final JustificationRule NONE = new JustificationRule(0, null, false);

  /**
   * Checks the minimum is between 0 and 1000, the pattern compiles, and an open ticket is only
   * required together with a pattern.
   *
   * @throws IllegalArgumentException naming what to fix
   */
  public JustificationRule {
    if (minLength < 0 || minLength > 1000) {
      throw new IllegalArgumentException(
          "minLength must be between 0 and 1000 characters, was " + minLength);
    }
    if (ticketPattern != null) {
      try {
        Pattern.compile(ticketPattern);
      } catch (PatternSyntaxException e) {
        throw new IllegalArgumentException(
            "ticketPattern '"
                + ticketPattern
                + "' is not a valid regular expression: "
                + e.getDescription(),
            e);
      }
    }
    if (requireOpenTicket && ticketPattern == null) {
      throw new IllegalArgumentException(
          "requireOpenTicket needs a ticketPattern that says what a ticket key looks like");
    }
  }

  /** No rule: any non-blank reason passes. */
  public static JustificationRule none() {
    return NONE;
  }

  /** A reason of at least {@code minLength} meaningful characters, no ticket required. */
  public static JustificationRule minLength(int minLength) {
    return new JustificationRule(minLength, null, false);
  }

  /** This rule, also requiring a ticket key matching {@code pattern}. */
  public JustificationRule withTicket(String pattern) {
    return new JustificationRule(minLength, requireNonNull(pattern, "pattern"), requireOpenTicket);
  }

  /** This rule, also requiring that the ticket exists and is open. Needs a ticket pattern. */
  public JustificationRule withOpenTicket() {
    return new JustificationRule(minLength, ticketPattern, true);
  }

  /** The number of meaningful characters (letters and digits) in {@code reason}. */
  public static int meaningfulLength(String reason) {
    return (int) reason.codePoints().filter(Character::isLetterOrDigit).count();
  }

  /**
   * Checks a reason against this rule.
   *
   * @param what names the role in the message, e.g. {@code "role github/admin"}
   * @param reason the request's reason
   * @param ticketKey the request's ticket key, or null
   * @return the ticket key that satisfied the pattern (the request's ticket key first), or empty
   *     when the rule needs no ticket
   * @throws InvalidRequestException saying what is required and what was given
   */
  public Optional<String> check(String what, String reason, @Nullable String ticketKey) {
    requireNonNull(what, "what");
    requireNonNull(reason, "reason");
    int length = meaningfulLength(reason);
    String found = ticketPattern == null ? null : findTicket(reason, ticketKey);
    boolean shortReason = length < minLength;
    boolean noTicket = ticketPattern != null && found == null;
    if (shortReason || noTicket) {
      throw new InvalidRequestException(
          what
              + " needs "
              + requirement()
              + "; got "
              + length
              + (length == 1 ? " character" : " characters")
              + (noTicket ? " and no ticket key matching " + ticketPattern : ""));
    }
    return Optional.ofNullable(found);
  }

  /** What this rule asks for, as words, e.g. "a reason of at least 20 characters ...". */
  public String requirement() {
    StringBuilder s = new StringBuilder("a reason");
    if (minLength > 0) {
      s.append(" of at least ").append(minLength).append(" characters (letters or digits)");
    }
    if (ticketPattern != null) {
      s.append(" ")
          .append("naming ")
          .append(requireOpenTicket ? "an open ticket" : "a ticket")
          .append(" like ABC-123 (matching ")
          .append(ticketPattern)
          .append(", in the reason or the ticket key)");
    }
    return s.toString();
  }

  private @Nullable String findTicket(String reason, @Nullable String ticketKey) {
    Pattern pattern = Pattern.compile(requireNonNull(ticketPattern, "ticketPattern"));
    if (ticketKey != null) {
      Matcher m = pattern.matcher(ticketKey);
      if (m.find()) {
        return m.group();
      }
    }
    Matcher m = pattern.matcher(reason);
    return m.find() ? m.group() : null;
  }
}
