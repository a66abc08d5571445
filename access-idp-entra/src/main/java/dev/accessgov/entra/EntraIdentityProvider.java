package dev.accessgov.entra;

import static java.util.Objects.requireNonNull;

import com.azure.core.credential.TokenCredential;
import com.microsoft.graph.models.ReferenceCreate;
import com.microsoft.graph.models.User;
import com.microsoft.graph.models.UserCollectionResponse;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.ProviderException;
import dev.accessgov.entra.internal.EntraSignIns;
import dev.accessgov.entra.internal.GraphAnswer;
import dev.accessgov.entra.internal.GraphCall;
import dev.accessgov.entra.internal.GraphCalls;
import dev.accessgov.entra.internal.GraphErrors;
import dev.accessgov.entra.internal.GraphTransport;
import dev.accessgov.entra.internal.GroupGuard;
import dev.accessgov.entra.internal.MemberBatches;
import dev.accessgov.entra.internal.ResponseMeta;
import dev.accessgov.entra.internal.UserReads;
import dev.accessgov.retry.RetrySettings;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.Member;
import dev.accessgov.spi.MemberPage;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.spi.MembershipResult;
import dev.accessgov.spi.ProviderReceipt;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IdentityProvider} for one Microsoft Entra ID tenant, on the official Microsoft Graph
 * Java SDK. Users are found with {@code GET /users/{id or userPrincipalName}}, else by {@code mail};
 * members are added with {@code POST /groups/{id}/members/$ref} (Graph's 400 "already exist" is
 * {@link MembershipOutcome#ALREADY_MEMBER}) and removed with {@code DELETE
 * /groups/{id}/members/{userId}/$ref} (404 for a group that exists is {@link
 * MembershipOutcome#NOT_A_MEMBER}); members are listed page by page following {@code
 * @odata.nextLink}; the last sign-in is the user's {@code signInActivity}.
 *
 * <p>Groups whose members are not changed by adding members (role-assignable, dynamic, synchronised
 * from on-premises, mail-enabled) are refused with a {@link GroupNotManageableException} before
 * Graph is asked. {@link #removeMembers} and {@link #addMembers} change many members of one group
 * through Graph's {@code $batch}, 20 per request, with one result per user.
 *
 * <p>Retries, throttling and timeouts are described on {@link EntraIdentityProviderBuilder}.
 * Thread-safe. {@link #close()} releases the HTTP connections.
 */
public final class EntraIdentityProvider implements IdentityProvider, AutoCloseable {
  private static final String[] MEMBER_FIELDS = {"id", "userPrincipalName"};

  private final String id;
  private final URI baseUrl;
  private final String credentialKind;
  private final int pageSize;
  private final Clock clock;
  private final GraphTransport transport;
  private final GraphServiceClient graph;
  private final GraphCalls calls;
  private final GroupGuard guard;
  private final MemberBatches batches;
  private final UserReads users;
  private final EntraSignIns signIns;

  EntraIdentityProvider(
      String id,
      URI baseUrl,
      TokenCredential credential,
      String credentialKind,
      int pageSize,
      RetrySettings retry,
      Duration requestTimeout,
      Duration connectTimeout,
      Clock clock,
      AccessObserver observer,
      Map<String, String> activityApps) {
    this.id = id;
    this.baseUrl = baseUrl;
    this.credentialKind = credentialKind;
    this.pageSize = pageSize;
    this.clock = clock;
    String scope = baseUrl.getScheme() + "://" + baseUrl.getAuthority() + "/.default";
    this.transport =
        new GraphTransport(baseUrl, credential, scope, connectTimeout, requestTimeout, clock);
    this.graph = transport.graph();
    this.calls = new GraphCalls(id, retry, clock, observer);
    this.guard = new GroupGuard(id, graph, calls);
    this.batches = new MemberBatches(id, graph, calls, guard, retry, clock);
    this.users = new UserReads(id, graph, calls);
    this.signIns = new EntraSignIns(id, baseUrl, graph, calls, pageSize, activityApps);
  }

  /** A builder; see {@link EntraIdentityProviderBuilder} for what is required. */
  public static EntraIdentityProviderBuilder builder() {
    return new EntraIdentityProviderBuilder();
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asks Graph for the user by object id or userPrincipalName; when that finds nobody and the
   * argument looks like an address, by {@code mail}. Several users with that mail are an error
   * naming the ambiguity, not a guess.
   */
  @Override
  public Optional<IdpUser> findUser(String idLoginOrEmail) {
    return users.find(idLoginOrEmail);
  }

  /**
   * {@inheritDoc}
   *
   * @throws GroupNotManageableException for role-assignable, dynamic, on-premises or mail-enabled
   *     groups, before Graph is asked to change them
   */
  @Override
  public MembershipChange addMember(String groupId, String userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    long deadline = calls.deadline();
    guard.requireManageable("addMember", groupId, deadline);
    String reference = graph.getRequestAdapter().getBaseUrl() + "/directoryObjects/" + userId;
    GraphAnswer<MembershipOutcome> answer =
        calls.run(
            new GraphCall<>(
                "addMember",
                groupId,
                () -> {
                  // A new body per attempt: the SDK's backing store writes a model's fields once.
                  ReferenceCreate ref = new ReferenceCreate();
                  ref.setOdataId(reference);
                  try {
                    graph.groups().byGroupId(groupId).members().ref().post(ref);
                    return MembershipOutcome.ADDED;
                  } catch (ODataError e) {
                    // Graph refuses a reference that exists with 400: the add was already done.
                    String message = e.getError() == null ? null : e.getError().getMessage();
                    if (GraphErrors.alreadyMember(e.getResponseStatusCode(), message)) {
                      return MembershipOutcome.ALREADY_MEMBER;
                    }
                    throw e;
                  }
                },
                204),
            deadline);
    return change(answer.value(), groupId, userId, "addMember", answer.meta());
  }

  /**
   * {@inheritDoc}
   *
   * @throws GroupNotManageableException for role-assignable, dynamic, on-premises or mail-enabled
   *     groups, before Graph is asked to change them
   */
  @Override
  public MembershipChange removeMember(String groupId, String userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    long deadline = calls.deadline();
    guard.requireManageable("removeMember", groupId, deadline);
    try {
      GraphAnswer<Void> answer =
          calls.run(
              new GraphCall<>(
                  "removeMember",
                  groupId,
                  () -> {
                    graph
                        .groups()
                        .byGroupId(groupId)
                        .members()
                        .byDirectoryObjectId(userId)
                        .ref()
                        .delete();
                    return null;
                  },
                  204),
              deadline);
      return change(MembershipOutcome.REMOVED, groupId, userId, "removeMember", answer.meta());
    } catch (ProviderException e) {
      // Graph says 404 both for a missing reference and a missing group; only the first is absence.
      if (e.status() == 404 && guard.exists("removeMember", groupId, deadline)) {
        ProviderReceipt receipt =
            new ProviderReceipt(id, "removeMember", 404, e.requestId(), clock.instant());
        return new MembershipChange(MembershipOutcome.NOT_A_MEMBER, groupId, userId, receipt);
      }
      throw e;
    }
  }

  /**
   * Removes many users from one group through Graph's {@code $batch} (at most 20 removals per HTTP
   * request), for hosts that remove many memberships at once; {@code AccessService} does not call
   * it (the SPI has no bulk method), so its sweeps remove one member per request. Idempotent per
   * user, as {@link #removeMember}. Never throws for Graph's answers: each user gets a {@link
   * MembershipResult.Changed} ({@code REMOVED} or {@code NOT_A_MEMBER}, with the receipt of its own
   * sub-request) or a {@link MembershipResult.Failed} with the typed error; a group that may not be
   * changed fails every user with a {@link GroupNotManageableException}. Throttled or failed
   * sub-requests are retried as single calls are.
   *
   * @param userIds Graph user ids; may be empty
   * @return one result per user id, in the same order
   */
  @Override
  public List<MembershipResult> removeMembers(String groupId, List<String> userIds) {
    return bulk("removeMembers", groupId, userIds, false);
  }

  /** 20: the sub-requests Graph's JSON batching takes in one HTTP request. */
  @Override
  public int bulkRemovals() {
    return 20;
  }

  /**
   * Adds many users to one group through Graph's {@code $batch}, as {@link #removeMembers} removes
   * them; each result is {@code ADDED} or {@code ALREADY_MEMBER}, or a failure.
   *
   * @param userIds Graph user ids; may be empty
   * @return one result per user id, in the same order
   */
  public List<MembershipResult> addMembers(String groupId, List<String> userIds) {
    return bulk("addMembers", groupId, userIds, true);
  }

  private List<MembershipResult> bulk(String op, String groupId, List<String> ids, boolean add) {
    requireNonNull(groupId, "groupId");
    List<String> users = List.copyOf(requireNonNull(ids, "userIds"));
    return users.isEmpty() ? List.of() : batches.change(op, groupId, users, add);
  }

  private MembershipChange change(
      @Nullable MembershipOutcome outcome,
      String groupId,
      String userId,
      String operation,
      ResponseMeta meta) {
    ProviderReceipt receipt =
        new ProviderReceipt(id, operation, meta.status(), meta.requestId(), clock.instant());
    return new MembershipChange(requireNonNull(outcome, "outcome"), groupId, userId, receipt);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asks {@code GET /groups/{id}/members/{userId}/microsoft.graph.user}: direct membership only
   * (a user who is in the group only through a nested group is not a member), and only users. An
   * unknown group answers false, as Graph's 404 does not tell the two apart.
   */
  @Override
  public boolean isMember(String groupId, String userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    try {
      calls.run(
          new GraphCall<>(
              "isMember",
              null,
              () ->
                  graph
                      .groups()
                      .byGroupId(groupId)
                      .members()
                      .byDirectoryObjectId(userId)
                      .graphUser()
                      .get(c -> c.queryParameters.select = new String[] {"id"})),
          calls.deadline());
      return true;
    } catch (ProviderException e) {
      if (e.status() == 404) {
        return false;
      }
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Lists the direct members that are users, with {@code GET
   * /groups/{id}/members/microsoft.graph.user} ({@code $top} = page size, {@code $select} of id and
   * userPrincipalName): the OData cast leaves out nested groups, devices, service principals and
   * contacts, and members of nested groups are not listed (direct membership only). The token is
   * Graph's {@code @odata.nextLink}, accepted only for this provider's Graph base URL.
   */
  @Override
  public MemberPage members(String groupId, @Nullable String pageToken) {
    requireNonNull(groupId, "groupId");
    if (pageToken != null && !pageToken.startsWith(baseUrl.toString() + "/")) {
      throw new InvalidRequestException(
          "page token is not a Graph nextLink under " + baseUrl + "; pass the token members gave");
    }
    GraphAnswer<UserCollectionResponse> answer =
        calls.run(
            new GraphCall<>(
                "members",
                null,
                () -> {
                  // The cast asks Graph for users only: members may also be groups, devices,
                  // service principals and contacts, which have no userPrincipalName.
                  var users = graph.groups().byGroupId(groupId).members().graphUser();
                  return GraphCalls.present(
                      pageToken == null
                          ? users.get(
                              c -> {
                                c.queryParameters.top = pageSize;
                                c.queryParameters.select = MEMBER_FIELDS;
                              })
                          : users.withUrl(pageToken).get());
                }),
            calls.deadline());
    UserCollectionResponse page = answer.value();
    List<Member> members = new ArrayList<>();
    if (page != null && page.getValue() != null) {
      for (User u : page.getValue()) {
        if (u.getId() != null) {
          String login = u.getUserPrincipalName() == null ? u.getId() : u.getUserPrincipalName();
          members.add(new Member(u.getId(), login));
        }
      }
    }
    String next = page == null ? null : page.getOdataNextLink();
    return new MemberPage(members, next == null || next.isBlank() ? null : next);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The user's last <em>successful</em> sign-in, interactive or not: {@code
   * signInActivity.lastSuccessfulSignInDateTime}. {@code lastSignInDateTime} and {@code
   * lastNonInteractiveSignInDateTime} are not used, as Graph records failed attempts in them too (a
   * dormant account under password spray would look active).
   *
   * <p>Reading {@code signInActivity} needs the application permission {@code AuditLog.Read.All}
   * (with {@code User.Read.All}) and an Entra ID P1 or P2 licence in the tenant. Without the
   * licence Graph answers 403 {@code Authentication_RequestFromNonPremiumTenantOrB2CTenant},
   * without the permission 403 {@code Authorization_RequestDenied}; either way this returns {@link
   * LastLogin#unknown()}, never an error and never a date. It is also unknown for an unknown user,
   * for a user without {@code signInActivity}, and when sign-in attempts are recorded but no
   * success ({@code lastSuccessfulSignInDateTime} is not backfilled before December 2023, so an
   * older success may hide behind it). {@link LastLogin#never()} only when Graph reports the
   * activity with no sign-in attempt at all. Other failures are thrown, so an outage is not
   * mistaken for an answer.
   */
  @Override
  public LastLogin lastLogin(String userId) {
    return users.lastLogin(userId);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Entra's sign-in log ({@code GET /auditLogs/signIns}, filtered on {@code userId}, on the
   * {@code appId} the catalog application is mapped to with {@link
   * EntraIdentityProviderBuilder#activityApplication} (any application when it is not), and on
   * {@code createdDateTime}), paged by {@code @odata.nextLink}. Needs {@code AuditLog.Read.All} and
   * an Entra ID P1 or P2 licence; without them Graph answers 403 and the question is recorded as
   * unavailable.
   */
  @Override
  public Optional<ActivityLog> activityLog() {
    return Optional.of(signIns);
  }

  /** Releases the HTTP connections; calls after this fail. */
  @Override
  public void close() {
    transport.close();
  }

  /** Names the tenant's Graph endpoint and the kind of credential, never the secret. */
  @Override
  public String toString() {
    return "EntraIdentityProvider[" + id + ", " + baseUrl + ", " + credentialKind + "]";
  }
}
