package dev.accessgov.catalog;

import static java.util.Objects.requireNonNull;

/**
 * Identifies a {@link Role} across the whole {@link Catalog}, e.g. {@code github/admin}.
 *
 * @param value the identifier, not blank
 */
public record RoleId(String value) {
  /** Checks the value is not blank. */
  public RoleId {
    requireNonNull(value, "value");
    if (value.isBlank()) {
      throw new IllegalArgumentException("a role id must not be blank");
    }
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
