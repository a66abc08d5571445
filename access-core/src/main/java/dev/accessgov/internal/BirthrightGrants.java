package dev.accessgov.internal;

import dev.accessgov.AccessException;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.BirthrightApproval;
import dev.accessgov.catalog.BirthrightRule;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.Person;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The birthright grants of one lifecycle event, for onboarding and transfers alike: one grant per
 * role the person's attributes call for, each through the ordinary grant path with the approval the
 * strictest of its rules asks for, keyed per person, event and role so the event never grants a
 * role twice however often (and by however many instances at once) it runs. Not API.
 */
final class BirthrightGrants {
  /**
   * What the grants came to.
   *
   * @param granted the records of this event, one per role, in rule order
   * @param alreadyHeld live records of the roles that other requests made
   * @param refused roles refused, with why
   */
  record Outcome(
      List<AccessRecord> granted, List<AccessRecord> alreadyHeld, Map<RoleId, String> refused) {}

  private final Catalog catalog;
  private final Grants grants;
  private final AccessStore store;

  BirthrightGrants(Catalog catalog, Grants grants, AccessStore store) {
    this.catalog = catalog;
    this.grants = grants;
    this.store = store;
  }

  /**
   * Grants {@code person} every birthright role under {@code event}, requested by {@code by} for
   * {@code reason}. A role whose grant fails with an exception {@code refusable} accepts is refused
   * and the others go on; any other failure is rethrown (the grants made before stand, and running
   * the event again finishes the rest).
   */
  Outcome grant(
      Person person,
      LifecycleEvent event,
      PersonId by,
      String reason,
      Predicate<AccessException> refusable) {
    PersonId id = person.id();
    Map<RoleId, List<BirthrightRule>> byRole = new LinkedHashMap<>();
    for (BirthrightRule rule : catalog.birthrightsFor(person)) {
      byRole.computeIfAbsent(rule.role(), r -> new ArrayList<>()).add(rule);
    }
    List<AccessRecord> granted = new ArrayList<>();
    List<AccessRecord> alreadyHeld = new ArrayList<>();
    Map<RoleId, String> refused = new LinkedHashMap<>();
    List<AccessRecord> held = recordsOf(id);
    for (Map.Entry<RoleId, List<BirthrightRule>> entry : byRole.entrySet()) {
      RoleId role = entry.getKey();
      String key = key(id, event.id(), role);
      Optional<AccessRecord> before = ofEvent(held, key).or(() -> liveOther(held, role, key));
      if (before.isPresent()) {
        (key.equals(before.get().idempotencyKey()) ? granted : alreadyHeld).add(before.get());
        continue;
      }
      GrantRequest request = new GrantRequest(id, role, by, reason, null, null, key, event);
      try {
        granted.add(grants.grant(request, birthright(entry.getValue())));
      } catch (AccessException e) {
        // A racing run of the same event or another request for the role may have won; what
        // the store holds now says which, else the role is refused for the reason given.
        List<AccessRecord> now = recordsOf(id);
        Optional<AccessRecord> mine = ofEvent(now, key);
        Optional<AccessRecord> other = liveOther(now, role, key);
        if (mine.isPresent()) {
          granted.add(mine.get());
        } else if (other.isPresent()) {
          alreadyHeld.add(other.get());
        } else if (refusable.test(e)) {
          refused.put(role, String.valueOf(e.getMessage()));
        } else {
          throw e;
        }
      }
    }
    return new Outcome(granted, alreadyHeld, refused);
  }

  /** The approval the strictest of the rules asks for, named by all of them. */
  private static GrantIntake.Birthright birthright(List<BirthrightRule> rules) {
    BirthrightApproval approval =
        rules.stream()
            .map(BirthrightRule::approval)
            .max(Comparator.naturalOrder())
            .orElse(BirthrightApproval.AUTOMATIC);
    return new GrantIntake.Birthright(rules.stream().map(BirthrightRule::name).toList(), approval);
  }

  private List<AccessRecord> recordsOf(PersonId id) {
    return RecordQuery.readAll(RecordQuery.all().subject(id.value()), store::query).toList();
  }

  private static Optional<AccessRecord> ofEvent(List<AccessRecord> records, String key) {
    return records.stream().filter(r -> key.equals(r.idempotencyKey())).findFirst();
  }

  private static Optional<AccessRecord> liveOther(
      List<AccessRecord> records, RoleId role, String key) {
    return records.stream()
        .filter(r -> r.roleId().equals(role) && r.state().isLive())
        .filter(r -> !key.equals(r.idempotencyKey()))
        .findFirst();
  }

  /**
   * The idempotency key of the birthright grant of {@code role} to {@code subject} for {@code
   * event}: a digest, so that it fits the key's length limit whatever the ids' lengths.
   */
  static String key(PersonId subject, LifecycleEventId event, RoleId role) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] digest =
          sha.digest(
              (subject.value() + "\n" + event.value() + "\n" + role.value())
                  .getBytes(StandardCharsets.UTF_8));
      return "birthright:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
