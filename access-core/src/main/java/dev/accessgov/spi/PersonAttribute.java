package dev.accessgov.spi;

import dev.accessgov.InvalidRequestException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A directory attribute of a {@link Person} that rules may test, such as a birthright rule's "every
 * engineer in Berlin". Each has a stable {@link #key()} used in catalog files and evidence.
 */
public enum PersonAttribute {
  /** The person's department ({@link Person#department()}). */
  DEPARTMENT("department"),
  /** The person's job title ({@link Person#title()}). */
  TITLE("title"),
  /** Where the person works ({@link Person#location()}). */
  LOCATION("location"),
  /**
   * The person's employment type, such as employee or contractor ({@link Person#employmentType()}).
   */
  EMPLOYMENT_TYPE("employmentType");

  private final String key;

  PersonAttribute(String key) {
    this.key = key;
  }

  /** The attribute's name in catalog files and evidence, e.g. {@code employmentType}. */
  public String key() {
    return key;
  }

  /** The value {@code person} has for this attribute, or null when the directory has none. */
  public @Nullable String valueOf(Person person) {
    return switch (this) {
      case DEPARTMENT -> person.department();
      case TITLE -> person.title();
      case LOCATION -> person.location();
      case EMPLOYMENT_TYPE -> person.employmentType();
    };
  }

  /**
   * The attribute with this {@link #key()} (compared ignoring case).
   *
   * @throws InvalidRequestException naming the accepted keys when there is none
   */
  public static PersonAttribute ofKey(String key) {
    for (PersonAttribute a : values()) {
      if (a.key.equalsIgnoreCase(key)) {
        return a;
      }
    }
    throw new InvalidRequestException(
        "unknown person attribute '"
            + key
            + "'; accepted: "
            + Arrays.stream(values()).map(PersonAttribute::key).toList());
  }
}
