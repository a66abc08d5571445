package dev.accessgov.entra.internal;

import com.microsoft.graph.models.Group;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.accessgov.ProviderException;
import dev.accessgov.entra.GroupNotManageableException;
import dev.accessgov.entra.GroupNotManageableException.Reason;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * Refuses membership changes to groups whose members are not ours to change (role-assignable,
 * dynamic, synchronised from on-premises, mail-enabled), before Graph is asked, with a message that
 * says why. A group found manageable is remembered for ten minutes, so a steady stream of changes
 * costs one look-up per group and ten minutes, not one per change; a group's kind changes rarely,
 * and Graph still refuses what it must. Thread-safe. Not API.
 */
public final class GroupGuard {
  private static final long REMEMBER_NANOS = TimeUnit.MINUTES.toNanos(10);
  private static final int MAX_REMEMBERED = 10_000;
  private static final String[] SELECT = {
    "id", "groupTypes", "isAssignableToRole", "onPremisesSyncEnabled", "mailEnabled"
  };

  private final String providerId;
  private final GraphServiceClient graph;
  private final GraphCalls calls;
  private final Map<String, Long> manageableUntil = new ConcurrentHashMap<>();

  /** A guard asking Graph through {@code calls}. */
  public GroupGuard(String providerId, GraphServiceClient graph, GraphCalls calls) {
    this.providerId = providerId;
    this.graph = graph;
    this.calls = calls;
  }

  /**
   * Returns when the group's membership may be changed here.
   *
   * @throws GroupNotManageableException when it may not, saying why
   * @throws ProviderException when the group does not exist (404) or Graph fails
   */
  public void requireManageable(String operation, String groupId, long deadline) {
    Long until = manageableUntil.get(groupId);
    if (until != null && until - System.nanoTime() > 0) {
      return;
    }
    Group group =
        calls.run(new GraphCall<>(operation, null, () -> fetch(groupId)), deadline).value();
    Reason reason = group == null ? null : unmanageable(group);
    if (reason != null) {
      manageableUntil.remove(groupId);
      throw new GroupNotManageableException(
          providerId, operation, groupId, reason, null, null, explain(groupId, reason));
    }
    if (manageableUntil.size() >= MAX_REMEMBERED) {
      manageableUntil.clear();
    }
    manageableUntil.put(groupId, System.nanoTime() + REMEMBER_NANOS);
  }

  /** Whether the group exists right now, asked afresh (a removal's 404 may mean either). */
  public boolean exists(String operation, String groupId, long deadline) {
    manageableUntil.remove(groupId);
    try {
      requireManageable(operation, groupId, deadline);
      return true;
    } catch (GroupNotManageableException e) {
      return true;
    } catch (ProviderException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  private @Nullable Group fetch(String groupId) {
    return GraphCalls.present(
        graph.groups().byGroupId(groupId).get(c -> c.queryParameters.select = SELECT));
  }

  private static @Nullable Reason unmanageable(Group group) {
    List<String> types = group.getGroupTypes() == null ? List.of() : group.getGroupTypes();
    if (Boolean.TRUE.equals(group.getIsAssignableToRole())) {
      return Reason.ROLE_ASSIGNABLE;
    }
    if (types.contains("DynamicMembership")) {
      return Reason.DYNAMIC_MEMBERSHIP;
    }
    if (Boolean.TRUE.equals(group.getOnPremisesSyncEnabled())) {
      return Reason.SYNCED_FROM_ON_PREMISES;
    }
    if (Boolean.TRUE.equals(group.getMailEnabled()) && !types.contains("Unified")) {
      return Reason.MAIL_ENABLED;
    }
    return null;
  }

  private static String explain(String groupId, Reason reason) {
    return "group "
        + groupId
        + switch (reason) {
          case ROLE_ASSIGNABLE ->
              " is role-assignable (isAssignableToRole): its members hold Entra directory roles."
                  + " This provider never changes such a group, whatever the app's permissions (Graph"
                  + " would need RoleManagement.ReadWrite.Directory, which also lets the app assign"
                  + " any directory role). Govern it with Privileged Identity Management for Groups,"
                  + " or map the catalog role to a group that is not role-assignable";
          case DYNAMIC_MEMBERSHIP ->
              " has dynamic membership: Entra computes its members from its"
                  + " membership rule, so members cannot be added or removed; change the rule or map the"
                  + " role to an assigned group";
          case SYNCED_FROM_ON_PREMISES ->
              " is synchronised from on-premises Active Directory: change"
                  + " its members there, or map the role to a cloud group";
          case MAIL_ENABLED ->
              " is a distribution list or mail-enabled security group, whose members"
                  + " Graph cannot change; use Exchange, or map the role to a security or Microsoft 365"
                  + " group";
          case REFUSED -> " was refused by Graph";
        };
  }
}
