package dev.accessgov.google;

import static java.util.Objects.requireNonNull;

import com.google.api.client.util.DateTime;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Members;
import com.google.api.services.directory.model.User;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.accessgov.ProviderException;
import dev.accessgov.google.internal.DirectoryTransport;
import dev.accessgov.google.internal.GoogleAnswer;
import dev.accessgov.google.internal.GoogleCalls;
import dev.accessgov.google.internal.GroupKeys;
import dev.accessgov.google.internal.MemberRequests;
import dev.accessgov.google.internal.ReportsActivity;
import dev.accessgov.google.internal.UserLookup;
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
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IdentityProvider} for one Google Workspace, on the Admin SDK Directory API client,
 * acting as a Workspace admin through a service account with domain-wide delegation. Users are
 * found with {@code users.get} (id, primary e-mail or alias); membership changes with {@code
 * members.insert} (an existing member answers 409 {@code duplicate}: {@link
 * MembershipOutcome#ALREADY_MEMBER}) and {@code members.delete} (a missing member answers 404:
 * {@link MembershipOutcome#NOT_A_MEMBER}); {@link #isMember} with {@code members.get}; members are
 * listed with {@code members.list}, page by page. Membership is direct membership only: a user in a
 * nested group is no member of the outer group here; the last login is the user's {@code
 * lastLoginTime}. Groups may be named by id or e-mail; e-mails are resolved to ids once and cached.
 *
 * <p>Retries, quota pacing and timeouts are described on {@link GoogleIdentityProviderBuilder}.
 * Thread-safe.
 */
public final class GoogleIdentityProvider implements IdentityProvider {
  /** The OAuth scopes requested; domain-wide delegation must grant exactly these. */
  public static final List<String> SCOPES =
      List.of(
          "https://www.googleapis.com/auth/admin.directory.group.member",
          "https://www.googleapis.com/auth/admin.directory.group.readonly",
          "https://www.googleapis.com/auth/admin.directory.user.readonly");

  /** Google's user ids are decimal numbers. */
  private static final Pattern USER_ID = Pattern.compile("\\d+");

  private final String id;
  private final String rootUrl;
  private final String credentialDescription;
  private final String customerId;
  private final @Nullable String domain;
  private final int pageSize;
  private final Clock clock;
  private final Directory directory;
  private final GoogleCalls calls;
  private final GroupKeys groups;
  private final UserLookup users;
  private final @Nullable ReportsActivity activity;

  GoogleIdentityProvider(
      String id,
      String rootUrl,
      ServiceAccountCredentials credentials,
      String customerId,
      @Nullable String domain,
      int pageSize,
      RetrySettings retry,
      int requestsPerMinute,
      Duration requestTimeout,
      Duration connectTimeout,
      Clock clock,
      AccessObserver observer,
      @Nullable Map<String, String> activityClients) {
    this.id = id;
    this.rootUrl = rootUrl;
    // The client e-mail and the admin are names, not secrets.
    this.credentialDescription =
        "serviceAccount "
            + credentials.getClientEmail()
            + " as "
            + credentials.getServiceAccountUser();
    this.customerId = customerId;
    this.domain = domain;
    this.pageSize = pageSize;
    this.clock = clock;
    this.directory =
        new DirectoryTransport(
                rootUrl, credentials, connectTimeout, requestTimeout, "access-governance-google")
            .directory();
    this.calls = new GoogleCalls(id, retry, requestsPerMinute, clock, observer);
    this.groups = new GroupKeys(id, directory, calls);
    this.users = new UserLookup(id, directory, calls);
    this.activity =
        activityClients == null
            ? null
            : new ReportsActivity(id, directory, calls, customerId, pageSize, activityClients);
  }

  /** A builder; see {@link GoogleIdentityProviderBuilder} for what is required. */
  public static GoogleIdentityProviderBuilder builder() {
    return new GoogleIdentityProviderBuilder();
  }

  @Override
  public String id() {
    return id;
  }

  /**
   * {@inheritDoc}
   *
   * <p>Asks Google for the user by id, primary e-mail or alias (an alias finds the user, whose
   * primary e-mail is the login). A bare name is qualified with the configured domain. Empty when
   * Google answers 404, or when the user belongs to another customer than the configured one.
   */
  @Override
  public Optional<IdpUser> findUser(String idLoginOrEmail) {
    requireNonNull(idLoginOrEmail, "idLoginOrEmail");
    String key = idLoginOrEmail.trim();
    if (key.isEmpty()) {
      return Optional.empty();
    }
    if (key.indexOf('@') < 0 && domain != null && !USER_ID.matcher(key).matches()) {
      key = key + "@" + domain;
    }
    return users
        .get("findUser", key, calls.deadline())
        .filter(u -> customerId.equals("my_customer") || customerId.equals(u.getCustomerId()))
        .map(GoogleIdentityProvider::toIdpUser);
  }

  private static IdpUser toIdpUser(User user) {
    String login = user.getPrimaryEmail() == null ? user.getId() : user.getPrimaryEmail();
    boolean active =
        !Boolean.TRUE.equals(user.getSuspended()) && !Boolean.TRUE.equals(user.getArchived());
    return new IdpUser(user.getId(), login, user.getPrimaryEmail(), active);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code members.insert} with role {@code MEMBER}, naming the user by primary e-mail as Google
   * requires (a user id is turned into it with {@code users.get}, once: users {@link #findUser}
   * found are known already). Google answers 409 {@code duplicate} for a present member: {@link
   * MembershipOutcome#ALREADY_MEMBER}, with that answer as the receipt. When an insert's answer is
   * lost and the retry meets 409, the outcome is ALREADY_MEMBER too: the membership is right, the
   * outcome says what Google answered last.
   */
  @Override
  public MembershipChange addMember(String groupId, String userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    long deadline = calls.deadline();
    String groupKey = groups.id(groupId, "addMember", deadline);
    String email = users.email("addMember", userId, deadline);
    GoogleAnswer<Void> answer =
        calls.run(MemberRequests.insert(directory, groupKey, email), deadline);
    MembershipOutcome outcome =
        answer.status() == 409 ? MembershipOutcome.ALREADY_MEMBER : MembershipOutcome.ADDED;
    return change(outcome, groupId, userId, "addMember", answer);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code members.delete}. Google answers 404 for a member that is not there: {@link
   * MembershipOutcome#NOT_A_MEMBER}, with that answer as the receipt. A 404 about the group itself
   * ({@code groupKey}) is an error.
   */
  @Override
  public MembershipChange removeMember(String groupId, String userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    long deadline = calls.deadline();
    String groupKey = groups.id(groupId, "removeMember", deadline);
    GoogleAnswer<Void> answer =
        calls.run(MemberRequests.delete(directory, groupKey, userId), deadline);
    MembershipOutcome outcome =
        answer.status() == 404 ? MembershipOutcome.NOT_A_MEMBER : MembershipOutcome.REMOVED;
    return change(outcome, groupId, userId, "removeMember", answer);
  }

  /**
   * {@inheritDoc}
   *
   * <p>Reports <em>direct</em> membership, the one {@link #addMember} and {@link #removeMember}
   * change: asks {@code members.get}, which answers 404 for a user who is not a direct member. A
   * user who belongs only through a nested group is no member here ({@code members.hasMember} would
   * count them, and refuses users outside the group's domain).
   */
  @Override
  public boolean isMember(String groupId, String userId) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    long deadline = calls.deadline();
    String groupKey = groups.id(groupId, "isMember", deadline);
    GoogleAnswer<com.google.api.services.directory.model.Member> answer =
        calls.run(MemberRequests.get(directory, groupKey, userId), deadline);
    return answer.value() != null;
  }

  /**
   * {@inheritDoc}
   *
   * <p>The token is Google's {@code pageToken}; pages hold up to {@link
   * GoogleIdentityProviderBuilder#pageSize} members. Only members of type {@code USER} are listed:
   * nested groups and the whole-customer member are not users.
   */
  @Override
  public MemberPage members(String groupId, @Nullable String pageToken) {
    requireNonNull(groupId, "groupId");
    long deadline = calls.deadline();
    String groupKey = groups.id(groupId, "members", deadline);
    GoogleAnswer<Members> answer =
        calls.run(MemberRequests.list(directory, groupKey, pageSize, pageToken), deadline);
    Members listed = answer.value();
    List<Member> members = new ArrayList<>();
    if (listed != null && listed.getMembers() != null) {
      for (com.google.api.services.directory.model.Member m : listed.getMembers()) {
        if (m.getId() != null && (m.getType() == null || "USER".equals(m.getType()))) {
          members.add(new Member(m.getId(), m.getEmail() == null ? m.getId() : m.getEmail()));
        }
      }
    }
    String next = listed == null ? null : listed.getNextPageToken();
    return new MemberPage(members, next == null || next.isEmpty() ? null : next);
  }

  /**
   * {@inheritDoc}
   *
   * <p>The user's {@code lastLoginTime}. Google reports "never signed in" as the epoch ({@code
   * 1970-01-01T00:00:00.000Z}): that is {@link LastLogin#never()}, not a date. {@link
   * LastLogin#unknown()} when the user is not found or the admin may not read it; other failures
   * are thrown, so an outage is not mistaken for an answer.
   */
  @Override
  public LastLogin lastLogin(String userId) {
    requireNonNull(userId, "userId");
    try {
      return users
          .get("lastLogin", userId, calls.deadline())
          .map(u -> lastLoginOf(u.getLastLoginTime()))
          .orElse(LastLogin.unknown());
    } catch (ProviderException e) {
      if (e.status() == 403 && !(e instanceof GoogleRateLimitedException)) {
        return LastLogin.unknown();
      }
      throw e;
    }
  }

  private static LastLogin lastLoginOf(@Nullable DateTime time) {
    if (time == null || time.getValue() <= 0) {
      return LastLogin.never();
    }
    return LastLogin.at(Instant.ofEpochMilli(time.getValue()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Present when the builder was told {@link GoogleIdentityProviderBuilder#activityReports()}:
   * the Admin SDK Reports API's {@code activities.list} for the user, the {@code token} report's
   * {@code authorize} events of the OAuth client the catalog application is mapped to ({@link
   * GoogleIdentityProviderBuilder#activityApplication}), else the {@code login} report's {@code
   * login_success} events. Google publishes these reports with a lag of up to hours, so give the
   * service's usage evidence a look-past interval to match.
   */
  @Override
  public Optional<ActivityLog> activityLog() {
    return Optional.ofNullable(activity);
  }

  private MembershipChange change(
      MembershipOutcome outcome,
      String groupId,
      String userId,
      String operation,
      GoogleAnswer<?> answer) {
    ProviderReceipt receipt =
        new ProviderReceipt(id, operation, answer.status(), answer.requestId(), clock.instant());
    return new MembershipChange(outcome, groupId, userId, receipt);
  }

  /** Names the root URL, the service account and the admin it acts as, never the key. */
  @Override
  public String toString() {
    return "GoogleIdentityProvider[" + id + ", " + rootUrl + ", " + credentialDescription + "]";
  }
}
