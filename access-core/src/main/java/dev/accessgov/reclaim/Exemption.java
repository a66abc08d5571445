package dev.accessgov.reclaim;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.PersonId;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Access a {@link ReclaimPolicy} leaves alone however long it goes unused: a person, a role, or a
 * person's role, optionally until a date.
 *
 * @param person only this person's access, or null for anyone's
 * @param role only this role, or null for any
 * @param until the exemption ends at this instant, or null for never
 * @param reason why, shown in results
 */
public record Exemption(
    @Nullable PersonId person, @Nullable RoleId role, @Nullable Instant until, String reason) {

  /** Checks the exemption names a person or a role, and a reason. */
  public Exemption {
    requireNonNull(reason, "reason");
    if (person == null && role == null) {
      throw new InvalidRequestException("an exemption names a person, a role, or both");
    }
    if (reason.isBlank()) {
      throw new InvalidRequestException("an exemption needs a reason");
    }
  }

  /** Every role of {@code person}. */
  public static Exemption person(String person, String reason) {
    return new Exemption(PersonId.of(person), null, null, reason);
  }

  /** {@code role}, whoever holds it. */
  public static Exemption role(String role, String reason) {
    return new Exemption(null, RoleId.of(role), null, reason);
  }

  /** This exemption, ending at {@code until}. */
  public Exemption until(Instant until) {
    return new Exemption(person, role, requireNonNull(until, "until"), reason);
  }

  /** Whether it covers {@code subject}'s {@code roleId} at {@code now}. */
  public boolean covers(PersonId subject, RoleId roleId, Instant now) {
    return (person == null || person.equals(subject))
        && (role == null || role.equals(roleId))
        && (until == null || now.isBefore(until));
  }
}
