package dev.accessgov.internal;

import dev.accessgov.AccessException;
import dev.accessgov.GrantRequest;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.BirthrightApproval;
import dev.accessgov.catalog.BirthrightRule;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.lifecycle.OnboardResult;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.PeopleDirectory;
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
import org.jspecify.annotations.Nullable;

/**
 * {@link dev.accessgov.AccessService#onboard}: one birthright grant per role the new hire's
 * attributes call for, each through the ordinary grant path, keyed so that the same event never
 * grants a role twice. Not API.
 */
final class Onboarding {
  private final Catalog catalog;
  private final PeopleDirectory people;
  private final Authority authority;
  private final Grants grants;
  private final AccessStore store;

  Onboarding(
      Catalog catalog,
      PeopleDirectory people,
      Authority authority,
      Grants grants,
      AccessStore store) {
    this.catalog = catalog;
    this.people = people;
    this.authority = authority;
    this.grants = grants;
    this.store = store;
  }

  /** Onboards {@code subject}; {@code reason} is already checked. */
  OnboardResult onboard(
      PersonId subject, PersonId by, String reason, @Nullable LifecycleEventId eventId) {
    PersonId who = authority.onboarder(by, subject);
    Person person =
        people
            .find(subject)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "unknown person "
                            + subject
                            + " cannot be onboarded: the people directory does not know them"));
    if (!person.active()) {
      throw new PolicyViolationException(
          subject
              + " is not active in the people directory; onboard a person once the directory"
              + " marks them active");
    }
    PersonId id = person.id();
    LifecycleEvent event =
        eventId == null
            ? LifecycleEvent.of(LifecycleTrigger.ONBOARDING, id)
            : LifecycleEvent.onboarding(eventId);
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
      GrantRequest request = new GrantRequest(id, role, who, reason, null, null, key, event);
      try {
        granted.add(grants.grant(request, birthright(entry.getValue())));
      } catch (AccessException e) {
        // A racing call for the same event or another request for the role may have won; what
        // the store holds now says which, else the role is refused for the reason given.
        List<AccessRecord> now = recordsOf(id);
        Optional<AccessRecord> mine = ofEvent(now, key);
        Optional<AccessRecord> other = liveOther(now, role, key);
        if (mine.isPresent()) {
          granted.add(mine.get());
        } else if (other.isPresent()) {
          alreadyHeld.add(other.get());
        } else if (e instanceof PolicyViolationException || e instanceof InvalidRequestException) {
          refused.put(role, String.valueOf(e.getMessage()));
        } else {
          throw e;
        }
      }
    }
    return new OnboardResult(event, id, granted, alreadyHeld, refused);
  }

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
