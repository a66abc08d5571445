package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

/**
 * Identifies a {@link Role} across the whole {@link Catalog}, e.g. {@code github/admin}.
 *
 * @param value the identifier: not blank, at most {@value dev.accessgov.InputLimits#MAX_ID_LENGTH}
 *     characters, no control characters
 */
public record RoleId(String value) {
  /**
   * Checks the value against {@link dev.accessgov.InputLimits#id}.
   *
   * @throws dev.accessgov.InvalidRequestException when it is blank, too long or not clean text
   */
  public RoleId {
    requireNonNull(value, "value");
    dev.accessgov.InputLimits.id(value, "a role id");
  }

  /** Shorthand for {@code new RoleId(value)}. */
  public static RoleId of(String value) {
    return new RoleId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
