package dev.accessgov.internal;

import dev.accessgov.AccessException;
import dev.accessgov.GrantRequest;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.NotFoundException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.StateConflictException;
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
import dev.accessgov.spi.DirectoryState;
import dev.accessgov.spi.GovernanceStore;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.Person;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
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
 * grants a role twice. Before the first grant the event is claimed in the person's {@link
 * DirectoryState} (with who asked and why), and the state moves on once every role is handled, so
 * an onboarding the process died in is durable intent that {@link #resume} (run by recover)
 * finishes. Not API.
 */
final class Onboarding {
  /** Claims tried before giving up on a person whose state keeps moving under us. */
  private static final int CLAIMS = 5;

  private final Catalog catalog;
  private final PeopleDirectory people;
  private final Authority authority;
  private final Grants grants;
  private final AccessStore store;
  private final GovernanceStore gov;
  private final Clock clock;

  Onboarding(
      Catalog catalog,
      PeopleDirectory people,
      Authority authority,
      Grants grants,
      AccessStore store,
      Clock clock) {
    this.catalog = catalog;
    this.people = people;
    this.authority = authority;
    this.grants = grants;
    this.store = store;
    this.gov = store.governance();
    this.clock = clock;
  }

  /** Onboards {@code subject}; {@code reason} is already checked. */
  OnboardResult onboard(
      PersonId subject, PersonId by, String reason, @Nullable LifecycleEventId eventId) {
    PersonId who = authority.onboarder(by, subject);
    Person person = activePerson(subject);
    LifecycleEvent event =
        eventId == null
            ? LifecycleEvent.of(LifecycleTrigger.ONBOARDING, person.id())
            : LifecycleEvent.onboarding(eventId);
    return claimed(person, event, who, reason);
  }

  /**
   * Finishes the onboarding {@code state} has pending, as the caller who claimed it asked (their
   * authority was checked when they claimed it).
   */
  OnboardResult resume(DirectoryState state, PersonId by, String reason) {
    LifecycleEvent event = state.pendingEvent();
    if (event == null || event.trigger() != LifecycleTrigger.ONBOARDING) {
      throw new IllegalArgumentException("no onboarding is pending for " + state.person());
    }
    return claimed(activePerson(state.person()), event, by, reason);
  }

  /**
   * Claims {@code event} for the person (unless it is claimed already), grants, and moves the state
   * on. Not claimed, only granted (grants are keyed per event, so that alone keeps them once): an
   * event finished before, a person another lifecycle event is pending for, and a person whose
   * position changed since it was last handled (claiming would hide that change from the directory
   * reconciliation, whose transfer reviews it).
   */
  private OnboardResult claimed(Person person, LifecycleEvent event, PersonId who, String reason) {
    PersonId id = person.id();
    Map<String, String> now = Transfers.attributes(person);
    DirectoryState state = gov.directoryState(id).orElse(DirectoryState.none(id, clock.instant()));
    for (int attempt = 1; ; attempt++) {
      LifecycleEvent pending = state.pendingEvent();
      if (event.equals(pending)) {
        // Claimed by a call that died midway, or by one running now: both grant per event key.
        return finish(state, person, event, who, reason);
      }
      boolean gone = "false".equals(state.seen().get("active"));
      if (pending != null
          || event.equals(state.lastEvent())
          || (state.stored() && !gone && !state.seen().equals(now))) {
        return grant(person, event, who, reason);
      }
      Optional<DirectoryState> claim =
          gov.moveDirectoryState(
              state.version(), state.claiming(event, now, who, reason, clock.instant()));
      if (claim.isPresent()) {
        return finish(claim.get(), person, event, who, reason);
      }
      if (attempt >= CLAIMS) {
        throw new StateConflictException(
            "the directory state of " + id + " kept changing while onboarding; try again");
      }
      state = gov.directoryState(id).orElse(DirectoryState.none(id, clock.instant()));
    }
  }

  private OnboardResult finish(
      DirectoryState claimed, Person person, LifecycleEvent event, PersonId who, String reason) {
    OnboardResult result = grant(person, event, who, reason);
    // Lost only to another instance that finished the same event, or a newer claim: either way
    // this event's grants are made.
    gov.moveDirectoryState(claimed.version(), claimed.finished(clock.instant()));
    return result;
  }

  private Person activePerson(PersonId subject) {
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
    return person;
  }

  /** Grants every birthright role of {@code person} under {@code event}, each once. */
  private OnboardResult grant(Person person, LifecycleEvent event, PersonId who, String reason) {
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
