package dev.accessgov.okta;

import static java.util.Objects.requireNonNull;

import com.okta.sdk.resource.api.GroupApi;
import com.okta.sdk.resource.api.SystemLogApi;
import com.okta.sdk.resource.api.UserApi;
import com.okta.sdk.resource.model.User;
import com.okta.sdk.resource.model.UserGetSingleton;
import com.okta.sdk.resource.model.UserProfile;
import com.okta.sdk.resource.model.UserStatus;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.ProviderException;
import dev.accessgov.okta.OktaIdentityProviderBuilder.ServiceAppCredentials;
import dev.accessgov.okta.internal.OktaAnswer;
import dev.accessgov.okta.internal.OktaCall;
import dev.accessgov.okta.internal.OktaCalls;
import dev.accessgov.okta.internal.OktaCredential;
import dev.accessgov.okta.internal.OktaSystemLog;
import dev.accessgov.okta.internal.OktaTransport;
import dev.accessgov.okta.internal.ResponseMeta;
import dev.accessgov.okta.internal.ServiceAppTokens;
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
import dev.accessgov.spi.ProviderReceipt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IdentityProvider} for one Okta org, on the official Okta management SDK. Users are
 * found with {@code GET /api/v1/users/{id}} (which takes an id or a login, so an e-mail is found
 * when it is the user's login, as it is by default in Okta); membership changes with {@code PUT} /
 * {@code DELETE /api/v1/groups/{groupId}/users/{userId}}; members are listed with {@code GET
 * /api/v1/groups/{groupId}/users}, page by page; the last login is the user's {@code lastLogin}.
 *
 * <p>Okta answers 204 to an assignment whether or not the user already was a member. To report
 * {@link MembershipOutcome#ALREADY_MEMBER} and {@link MembershipOutcome#NOT_A_MEMBER} truthfully,
 * {@link #addMember} and {@link #removeMember} first look the user up in the group's member list
 * and only call Okta to change what needs changing. Two callers racing on the same membership may
 * both report {@code ADDED} (or {@code REMOVED}); Okta still holds exactly one membership. The
 * look-up pages through the group, so it costs one request per {@link
 * OktaIdentityProviderBuilder#pageSize} members ahead of the user.
 *
 * <p>Membership is direct membership, as the SPI defines it: {@link #isMember} and {@link #members}
 * read {@code GET /api/v1/groups/{groupId}/users}, the users assigned to the group itself. Okta
 * groups do not nest, so no membership through another group exists to be left out.
 *
 * <p>Retries, rate-limit pacing and timeouts are described on {@link OktaIdentityProviderBuilder}.
 * Thread-safe. {@link #close()} releases the HTTP connections.
 */
public final class OktaIdentityProvider implements IdentityProvider, AutoCloseable {
  private static final String USERS = "users";
  private static final String GROUP_USERS = "group-users";
  private static final String MEMBERSHIP = "group-membership";
  private static final Set<UserStatus> CAN_SIGN_IN =
      Set.of(UserStatus.ACTIVE, UserStatus.PASSWORD_EXPIRED, UserStatus.RECOVERY);

  private final String id;
  private final URI orgUrl;
  private final String credentialKind;
  private final int pageSize;
  private final Clock clock;
  private final OktaTransport transport;
  private final OktaCalls calls;
  private final UserApi users;
  private final GroupApi groups;
  private final OktaSystemLog systemLog;

  OktaIdentityProvider(
      String id,
      URI orgUrl,
      @Nullable Supplier<String> apiToken,
      @Nullable ServiceAppCredentials serviceApp,
      int pageSize,
      RetrySettings retry,
      double slowDownBelow,
      Duration requestTimeout,
      Duration connectTimeout,
      Clock clock,
      AccessObserver observer,
      Map<String, String> activityApps) {
    this.id = id;
    this.orgUrl = orgUrl;
    this.pageSize = pageSize;
    this.clock = clock;
    OktaCredential authorization;
    if (apiToken != null) {
      this.credentialKind = "apiToken";
      authorization =
          (method, url) -> Map.of("Authorization", "SSWS " + nonBlank(apiToken.get(), "apiToken"));
    } else {
      ServiceAppCredentials app = requireNonNull(serviceApp, "serviceApp");
      this.credentialKind = "serviceApp " + app.clientId();
      authorization =
          new ServiceAppTokens(
              id,
              orgUrl,
              app.clientId(),
              () -> nonBlank(app.privateKeyPem().get(), "serviceApp private key"),
              app.keyId(),
              app.scopes(),
              clock,
              requestTimeout);
    }
    this.transport =
        new OktaTransport(
            orgUrl, authorization, connectTimeout, requestTimeout, "access-governance-okta");
    this.calls = new OktaCalls(id, retry, slowDownBelow, clock, observer);
    this.users = new UserApi(transport.apiClient());
    this.groups = new GroupApi(transport.apiClient());
    this.systemLog =
        new OktaSystemLog(
            id, calls, new SystemLogApi(transport.apiClient()), pageSize, activityApps);
  }

  /** A builder; see {@link OktaIdentityProviderBuilder} for what is required. */
  public static OktaIdentityProviderBuilder builder() {
    return new OktaIdentityProviderBuilder();
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asks Okta for the user by id or login; an e-mail that is not the user's login is not found.
   * Empty when Okta answers 404.
   */
  @Override
  public Optional<IdpUser> findUser(String idLoginOrEmail) {
    requireNonNull(idLoginOrEmail, "idLoginOrEmail");
    if (idLoginOrEmail.isBlank()) {
      return Optional.empty();
    }
    return getUser("findUser", idLoginOrEmail).map(OktaIdentityProvider::toIdpUser);
  }

  private Optional<UserGetSingleton> getUser(String operation, String idOrLogin) {
    try {
      OktaAnswer<UserGetSingleton> answer =
          calls.run(
              new OktaCall<>(operation, USERS, null, () -> users.getUser(idOrLogin, null, null)),
              calls.deadline());
      return Optional.ofNullable(answer.value());
    } catch (ProviderException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static IdpUser toIdpUser(UserGetSingleton user) {
    UserProfile profile = user.getProfile();
    String login =
        profile == null || profile.getLogin() == null ? user.getId() : profile.getLogin();
    return new IdpUser(
        user.getId(),
        login,
        profile == null ? null : profile.getEmail(),
        CAN_SIGN_IN.contains(user.getStatus()));
  }

  @Override
  public MembershipChange addMember(String groupId, String userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    long deadline = calls.deadline();
    Presence presence = presence("addMember", groupId, userId, deadline);
    if (presence.member()) {
      return change(
          MembershipOutcome.ALREADY_MEMBER, groupId, userId, "addMember", presence.meta());
    }
    OktaAnswer<Void> answer =
        calls.run(
            new OktaCall<>(
                "addMember",
                MEMBERSHIP,
                groupId,
                () -> {
                  groups.assignUserToGroup(groupId, userId);
                  return null;
                }),
            deadline);
    return change(MembershipOutcome.ADDED, groupId, userId, "addMember", answer.meta());
  }

  @Override
  public MembershipChange removeMember(String groupId, String userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    long deadline = calls.deadline();
    Presence presence = presence("removeMember", groupId, userId, deadline);
    if (!presence.member()) {
      return change(
          MembershipOutcome.NOT_A_MEMBER, groupId, userId, "removeMember", presence.meta());
    }
    OktaAnswer<Void> answer =
        calls.run(
            new OktaCall<>(
                "removeMember",
                MEMBERSHIP,
                groupId,
                () -> {
                  groups.unassignUserFromGroup(groupId, userId);
                  return null;
                }),
            deadline);
    return change(MembershipOutcome.REMOVED, groupId, userId, "removeMember", answer.meta());
  }

  /** Whether the user is on the group's member list, and the response that settled it. */
  private record Presence(boolean member, ResponseMeta meta) {}

  private Presence presence(String operation, String groupId, String userId, long deadline) {
    String cursor = null;
    while (true) {
      Page page = page(operation, groupId, cursor, deadline);
      for (Member m : page.members()) {
        if (m.userId().equals(userId)) {
          return new Presence(true, page.meta());
        }
      }
      cursor = page.meta().nextCursor();
      if (cursor == null || page.members().isEmpty()) {
        return new Presence(false, page.meta());
      }
    }
  }

  private MembershipChange change(
      MembershipOutcome outcome,
      String groupId,
      String userId,
      String operation,
      ResponseMeta meta) {
    ProviderReceipt receipt =
        new ProviderReceipt(id, operation, meta.status(), meta.requestId(), clock.instant());
    return new MembershipChange(outcome, groupId, userId, receipt);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Direct membership: pages through the group's own member list until the user is found.
   */
  @Override
  public boolean isMember(String groupId, String userId) {
    return presence(
            "isMember",
            requireNonNull(groupId, "groupId"),
            requireNonNull(userId, "userId"),
            calls.deadline())
        .member();
  }

  /**
   * {@inheritDoc}
   *
   * <p>Direct members, from the group's own member list. The token is Okta's {@code after} cursor
   * from the {@code Link} header; pages hold {@link OktaIdentityProviderBuilder#pageSize} members.
   */
  @Override
  public MemberPage members(String groupId, @Nullable String pageToken) {
    Page page = page("members", requireNonNull(groupId, "groupId"), pageToken, calls.deadline());
    String next = page.members().isEmpty() ? null : page.meta().nextCursor();
    return new MemberPage(page.members(), next);
  }

  private record Page(List<Member> members, ResponseMeta meta) {}

  private Page page(String operation, String groupId, @Nullable String cursor, long deadline) {
    OktaAnswer<List<User>> answer =
        calls.run(
            new OktaCall<>(
                operation,
                GROUP_USERS,
                null,
                () -> groups.listGroupUsers(groupId, cursor, pageSize)),
            deadline);
    List<User> listed = answer.value() == null ? List.of() : answer.value();
    List<Member> members = new ArrayList<>(listed.size());
    for (User u : listed) {
      UserProfile profile = u.getProfile();
      String login = profile == null || profile.getLogin() == null ? u.getId() : profile.getLogin();
      members.add(new Member(u.getId(), login));
    }
    return new Page(members, answer.meta());
  }

  /**
   * {@inheritDoc}
   *
   * <p>The user's {@code lastLogin}: {@link LastLogin#never()} when Okta has none, {@link
   * LastLogin#unknown()} when the user is not found or the credential may not read it. Other
   * failures are thrown, so an outage is not mistaken for an answer.
   */
  @Override
  public LastLogin lastLogin(String userId) {
    requireNonNull(userId, "userId");
    try {
      return getUser("lastLogin", userId)
          .map(
              u ->
                  u.getLastLogin() == null
                      ? LastLogin.never()
                      : LastLogin.at(u.getLastLogin().toInstant()))
          .orElse(LastLogin.unknown());
    } catch (ProviderException e) {
      if (e.status() == 403) {
        return LastLogin.unknown();
      }
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Okta's System Log ({@code GET /api/v1/logs}): the user's {@code user.authentication.sso}
   * events to the Okta app the catalog application is mapped to ({@link
   * OktaIdentityProviderBuilder#activityApplication}), or to any app when it is not mapped. Needs
   * the {@code okta.logs.read} scope (or an API token of an admin who may read the log).
   */
  @Override
  public Optional<ActivityLog> activityLog() {
    return Optional.of(systemLog);
  }

  private static String nonBlank(@Nullable String secret, String what) {
    if (secret == null || secret.isBlank()) {
      throw new AccessConfigurationException(
          "the Okta " + what + " supplier returned nothing; check where the secret is kept");
    }
    return secret;
  }

  /** Releases the HTTP connections; calls after this fail. */
  @Override
  public void close() {
    try {
      transport.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Names the org and the kind of credential, never the secret. */
  @Override
  public String toString() {
    return "OktaIdentityProvider[" + id + ", " + orgUrl + ", " + credentialKind + "]";
  }
}
