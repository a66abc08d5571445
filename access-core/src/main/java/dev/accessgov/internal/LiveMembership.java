package dev.accessgov.internal;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.Member;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * Joins what an identity provider lists with the records, a page of members at a time: one store
 * query finds the records of every member of the page, so a group of a million members costs a few
 * thousand queries, not a million, and nothing but the current page of members and their records is
 * held. A member is matched to a person by login (the identifier the service gave the provider when
 * it added them), and by provider user id when no record names the login. Not API.
 */
final class LiveMembership {
  private final Catalog catalog;
  private final Map<String, IdentityProvider> providers;
  private final AccessStore store;

  /**
   * Members joined per store query. Each brings up to two subjects (login and user id), so a page's
   * subjects fit one {@link RecordQuery#subjects} set.
   */
  static final int PAGE = RecordQuery.MAX_SET / 2;

  /**
   * One member of a group, with the person it maps to and that person's records of the roles
   * mapping the group, oldest first.
   */
  record Holding(Member member, PersonId person, List<AccessRecord> records) {

    /** Records that explain the membership at {@code now}: active and not past their end. */
    List<AccessRecord> explaining(Instant now) {
      return records.stream().filter(r -> explains(r, now)).toList();
    }

    /** Whether a record is mid-change, which recovery (not us) finishes. */
    boolean inFlight() {
      return records.stream().anyMatch(r -> r.state().isInFlight());
    }

    /** The latest record, if any. */
    @Nullable AccessRecord latest() {
      return records.isEmpty() ? null : records.get(records.size() - 1);
    }
  }

  LiveMembership(Catalog catalog, Map<String, IdentityProvider> providers, AccessStore store) {
    this.catalog = catalog;
    this.providers = providers;
    this.store = store;
  }

  static boolean explains(AccessRecord r, Instant now) {
    return r.state() == RecordState.ACTIVE && !pastEnd(r, now);
  }

  static boolean pastEnd(AccessRecord r, Instant now) {
    return r.expiresAt() != null && !r.expiresAt().isAfter(now);
  }

  IdentityProvider provider(GroupRef group) {
    // The builder refuses a catalog whose groups name a provider it was not given.
    return requireNonNull(providers.get(group.providerId()), "provider of a catalog group");
  }

  /** Every group the catalog manages, in catalog order, with the roles (in scope) mapping it. */
  Map<GroupRef, List<Role>> managedGroups(Predicate<Role> inScope) {
    Map<GroupRef, List<Role>> groups = new LinkedHashMap<>();
    for (Role role : catalog.roles()) {
      if (inScope.test(role)) {
        for (GroupRef g : role.groups()) {
          groups.computeIfAbsent(g, k -> new ArrayList<>()).add(role);
        }
      }
    }
    return groups;
  }

  /** Every role mapping the group, in scope or not: any of them explains a membership. */
  List<Role> rolesOf(GroupRef group) {
    return catalog.roles().stream().filter(r -> r.groups().contains(group)).toList();
  }

  /** The person behind {@code member} and their records of {@code roles}. */
  Holding lookup(Member member, List<Role> roles) {
    return lookup(List.of(member), roles).get(0);
  }

  /**
   * Applies {@code action} to each of {@code members}, in order, joined with the person's records
   * of {@code roles}: {@value #PAGE} members at a time, each page with one store query (more only
   * when its records fill more than one page of results).
   */
  void forEachHolding(Stream<Member> members, List<Role> roles, Consumer<Holding> action) {
    List<Member> page = new ArrayList<>(PAGE);
    members.forEachOrdered(
        m -> {
          page.add(m);
          if (page.size() == PAGE) {
            lookup(page, roles).forEach(action);
            page.clear();
          }
        });
    lookup(page, roles).forEach(action);
  }

  /**
   * The holding of each member of {@code page}, in order, from one query for the records of their
   * logins and user ids. Per member it is what asking for the login's records, and then for the
   * user id's when the login has none, would give.
   */
  private List<Holding> lookup(List<Member> page, List<Role> roles) {
    if (page.isEmpty()) {
      return List.of();
    }
    Map<PersonId, List<AccessRecord>> bySubject = recordsOf(page, roles);
    List<Holding> holdings = new ArrayList<>(page.size());
    for (Member m : page) {
      PersonId login = PersonId.of(m.login());
      List<AccessRecord> byLogin = bySubject.getOrDefault(login, List.of());
      Holding h = new Holding(m, login, byLogin);
      if (byLogin.isEmpty() && !m.userId().equals(m.login())) {
        PersonId userId = PersonId.of(m.userId());
        List<AccessRecord> byId = bySubject.getOrDefault(userId, List.of());
        if (!byId.isEmpty()) {
          h = new Holding(m, userId, byId);
        }
      }
      holdings.add(h);
    }
    return holdings;
  }

  /** The records of the page's logins and user ids of {@code roles}, by subject, oldest first. */
  private Map<PersonId, List<AccessRecord>> recordsOf(List<Member> page, List<Role> roles) {
    Map<PersonId, List<AccessRecord>> bySubject = new HashMap<>();
    if (roles.isEmpty()) {
      return bySubject;
    }
    Set<String> subjects = new HashSet<>();
    for (Member m : page) {
      subjects.add(m.login());
      subjects.add(m.userId());
    }
    Set<RoleId> ids = roles.stream().map(Role::id).collect(Collectors.toSet());
    RecordQuery query = RecordQuery.all().subjects(subjects);
    if (ids.size() <= RecordQuery.MAX_SET) {
      query = query.roles(ids.stream().map(RoleId::value).toList());
    }
    try (Stream<AccessRecord> found = RecordQuery.readAll(query, store::query)) {
      // The results come oldest first, so each subject's list does too.
      found
          .filter(r -> ids.contains(r.roleId()))
          .forEach(r -> bySubject.computeIfAbsent(r.subject(), k -> new ArrayList<>()).add(r));
    }
    return bySubject;
  }
}
