package dev.accessgov.internal;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Joins what an identity provider lists with the records, one member at a time, so nothing but the
 * current page of members and one person's records is held. A member is matched to a person by
 * login (the identifier the service gave the provider when it added them), and by provider user id
 * when no record names the login. Not API.
 */
final class LiveMembership {
  private final Catalog catalog;
  private final Map<String, IdentityProvider> providers;
  private final AccessStore store;

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
    return providers.get(group.providerId());
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
    Set<RoleId> ids = roles.stream().map(Role::id).collect(Collectors.toSet());
    List<AccessRecord> byLogin = recordsOf(member.login(), ids);
    if (byLogin.isEmpty() && !member.userId().equals(member.login())) {
      List<AccessRecord> byId = recordsOf(member.userId(), ids);
      if (!byId.isEmpty()) {
        return new Holding(member, PersonId.of(member.userId()), byId);
      }
    }
    return new Holding(member, PersonId.of(member.login()), byLogin);
  }

  private List<AccessRecord> recordsOf(String subject, Set<RoleId> roles) {
    return store.query(RecordQuery.all().subject(subject)).stream()
        .filter(r -> roles.contains(r.roleId()))
        .toList();
  }
}
