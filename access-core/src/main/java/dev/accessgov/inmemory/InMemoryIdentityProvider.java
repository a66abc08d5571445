package dev.accessgov.inmemory;

import static java.util.Objects.requireNonNull;

import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
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
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An {@link IdentityProvider} in memory, with the same contract as the real ones: idempotent
 * membership changes reported as such, stable paging, typed errors for unknown groups. Tests can
 * make the next membership calls fail with {@link #failNext}, and script what users did with {@link
 * #activity()}. Receipts carry status 0 and request ids {@code mem-1}, {@code mem-2}, ...
 */
public final class InMemoryIdentityProvider implements IdentityProvider {
  private final String id;
  private final Clock clock;
  private final int pageSize;
  private final Map<String, IdpUser> usersById = new ConcurrentHashMap<>();
  private final Map<String, NavigableSet<String>> groups = new ConcurrentHashMap<>();
  private final Map<String, LastLogin> lastLogins = new ConcurrentHashMap<>();
  private final Queue<ProviderException> failures = new ConcurrentLinkedQueue<>();
  private final Map<String, ProviderException> refusedGroups = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong membershipCalls = new AtomicLong();
  private final Queue<VendorFault> vendorFaults = new ConcurrentLinkedQueue<>();
  private final AtomicLong vendorRequests = new AtomicLong();
  private volatile int maxAttempts = 4;
  private volatile Duration totalTimeout = Duration.ofMinutes(2);
  private final InMemoryActivityLog activityLog;

  /** A provider with the given id, clock and page size for {@link #members}. */
  public InMemoryIdentityProvider(String id, Clock clock, int pageSize) {
    this.id = requireNonNull(id, "id");
    this.clock = requireNonNull(clock, "clock");
    if (pageSize < 1) {
      throw new IllegalArgumentException("pageSize must be >= 1, was " + pageSize);
    }
    this.pageSize = pageSize;
    this.activityLog = new InMemoryActivityLog(id, pageSize, this::withVendor);
  }

  /** A provider with the given id and clock, listing 100 members a page. */
  public InMemoryIdentityProvider(String id, Clock clock) {
    this(id, clock, 100);
  }

  /** Adds a user whose id and login are both {@code login}. */
  public InMemoryIdentityProvider user(String login) {
    return user(new IdpUser(login, login, login.contains("@") ? login : null, true));
  }

  /** Adds or replaces a user. */
  public InMemoryIdentityProvider user(IdpUser user) {
    usersById.put(requireNonNull(user, "user").id(), user);
    return this;
  }

  /** Creates empty groups (existing groups are kept). */
  public InMemoryIdentityProvider groups(String... groupIds) {
    for (String g : groupIds) {
      groups.computeIfAbsent(g, k -> new ConcurrentSkipListSet<>());
    }
    return this;
  }

  /** Sets what {@link #lastLogin} answers for a user. */
  public InMemoryIdentityProvider lastLogin(String userId, LastLogin lastLogin) {
    lastLogins.put(userId, requireNonNull(lastLogin, "lastLogin"));
    return this;
  }

  /** Makes the next membership call (add or remove) throw {@code failure}; calls queue up. */
  public InMemoryIdentityProvider failNext(ProviderException failure) {
    failures.add(requireNonNull(failure, "failure"));
    return this;
  }

  /**
   * Makes every membership call on {@code groupId} throw {@code failure} until {@link #allow} is
   * called, as a vendor does for a group it will not let the API change.
   */
  public InMemoryIdentityProvider refuse(String groupId, ProviderException failure) {
    refusedGroups.put(requireNonNull(groupId, "groupId"), requireNonNull(failure, "failure"));
    return this;
  }

  /** Ends a {@link #refuse} of {@code groupId}. */
  public InMemoryIdentityProvider allow(String groupId) {
    refusedGroups.remove(groupId);
    return this;
  }

  /**
   * Makes the next {@code times} requests to the simulated vendor fail with {@code fault}. Unlike
   * {@link #failNext}, which fails a whole call as if every retry had been spent, these happen
   * below the provider's retries: a membership call survives as many transient faults as its {@link
   * #retries} allow, as the real providers do against their vendors.
   */
  public InMemoryIdentityProvider vendorFaults(int times, VendorFault fault) {
    requireNonNull(fault, "fault");
    for (int i = 0; i < times; i++) {
      vendorFaults.add(fault);
    }
    return this;
  }

  /**
   * How membership calls retry vendor faults: up to {@code maxAttempts} attempts, and rate limits
   * that reset within {@code totalTimeout} waited out. Defaults: 4 attempts, 2 minutes.
   */
  public InMemoryIdentityProvider retries(int maxAttempts, Duration totalTimeout) {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    this.maxAttempts = maxAttempts;
    this.totalTimeout = requireNonNull(totalTimeout, "totalTimeout");
    return this;
  }

  /**
   * How many requests membership calls and activity queries have made to the simulated vendor,
   * retries included.
   */
  public long vendorRequests() {
    return vendorRequests.get();
  }

  /** A ready-made failure of this provider, as a vendor outage or refusal would look. */
  public ProviderException failure(String operation, int status, boolean retryable) {
    return new ProviderException(
        id, operation, status, null, null, retryable, "injected failure", null);
  }

  /** How many add and remove calls this provider has received, failed ones included. */
  public long membershipCalls() {
    return membershipCalls.get();
  }

  /** The members of a group right now, by user id. */
  public List<String> memberIds(String groupId) {
    return new ArrayList<>(group(groupId, "memberIds"));
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<IdpUser> findUser(String idLoginOrEmail) {
    requireNonNull(idLoginOrEmail, "idLoginOrEmail");
    IdpUser byId = usersById.get(idLoginOrEmail);
    if (byId != null) {
      return Optional.of(byId);
    }
    return usersById.values().stream()
        .filter(u -> idLoginOrEmail.equals(u.login()) || idLoginOrEmail.equals(u.email()))
        .findFirst();
  }

  @Override
  public MembershipChange addMember(String groupId, String userId) {
    return membership(
        "addMember",
        groupId,
        userId,
        Set::add,
        MembershipOutcome.ADDED,
        MembershipOutcome.ALREADY_MEMBER);
  }

  @Override
  public MembershipChange removeMember(String groupId, String userId) {
    return membership(
        "removeMember",
        groupId,
        userId,
        Set::remove,
        MembershipOutcome.REMOVED,
        MembershipOutcome.NOT_A_MEMBER);
  }

  /**
   * One membership call through the simulated vendor: {@code change} applied to the group's
   * members, {@code changed} when it changed them, {@code unchanged} when the user already was as
   * asked.
   */
  private MembershipChange membership(
      String operation,
      String groupId,
      String userId,
      BiPredicate<Set<String>, String> change,
      MembershipOutcome changed,
      MembershipOutcome unchanged) {
    return withVendor(
        operation,
        () -> {
          NavigableSet<String> members = membershipCall(groupId, userId, operation);
          return change(
              change.test(members, userId) ? changed : unchanged, groupId, userId, operation);
        });
  }

  /**
   * Runs one membership call against the simulated vendor: each attempt takes the next {@link
   * VendorFault}, if any, and is retried as {@link VendorFault} describes.
   */
  private <T> T withVendor(String operation, Supplier<T> call) {
    ProviderException last = null;
    for (int attempt = 1; attempt <= maxAttempts; attempt++) {
      vendorRequests.incrementAndGet();
      VendorFault fault = vendorFaults.poll();
      if (fault == null) {
        return call.get();
      }
      switch (fault) {
        case UNAUTHORIZED:
          throw new ProviderException(
              id,
              operation,
              401,
              "UNAUTHORIZED",
              "mem-" + requests.incrementAndGet(),
              false,
              "the vendor refused this provider's credentials; check the credentials configured",
              null);
        case RATE_LIMITED_FOR_HOURS:
          Instant retryAt = clock.instant().plus(Duration.ofHours(1));
          if (Duration.ofHours(1).compareTo(totalTimeout) > 0) {
            throw new RateLimitedException(
                id,
                operation,
                "mem-" + requests.incrementAndGet(),
                retryAt,
                "rate limited until " + retryAt + ", beyond the total time of " + totalTimeout);
          }
          break; // waited out
        case LOST_ANSWER:
          T unused = call.get(); // made, but the answer is lost: the next attempt finds it made
          break;
        default:
          break; // transient or brief: retried
      }
      last =
          new ProviderException(
              id,
              operation,
              503,
              fault.name(),
              "mem-" + requests.incrementAndGet(),
              true,
              "the vendor failed (" + fault + ") on every one of " + maxAttempts + " attempts",
              null);
    }
    throw requireNonNull(last);
  }

  private NavigableSet<String> membershipCall(String groupId, String userId, String operation) {
    requireNonNull(groupId, "groupId");
    requireNonNull(userId, "userId");
    membershipCalls.incrementAndGet();
    ProviderException failure = failures.poll();
    if (failure == null) {
      failure = refusedGroups.get(groupId);
    }
    if (failure != null) {
      throw failure;
    }
    NavigableSet<String> members = group(groupId, operation);
    if (!usersById.containsKey(userId)) {
      throw new ProviderException(
          id, operation, 404, "USER_NOT_FOUND", null, false, "no user " + userId, null);
    }
    return members;
  }

  private MembershipChange change(
      MembershipOutcome outcome, String groupId, String userId, String operation) {
    ProviderReceipt receipt =
        new ProviderReceipt(id, operation, 0, "mem-" + requests.incrementAndGet(), clock.instant());
    return new MembershipChange(outcome, groupId, userId, receipt);
  }

  private NavigableSet<String> group(String groupId, String operation) {
    NavigableSet<String> members = groups.get(requireNonNull(groupId, "groupId"));
    if (members == null) {
      throw new ProviderException(
          id,
          operation,
          404,
          "GROUP_NOT_FOUND",
          null,
          false,
          "no group " + groupId + "; known: " + groups.keySet(),
          null);
    }
    return members;
  }

  @Override
  public boolean isMember(String groupId, String userId) {
    return group(groupId, "isMember").contains(requireNonNull(userId, "userId"));
  }

  @Override
  public MemberPage members(String groupId, @Nullable String pageToken) {
    NavigableSet<String> members = group(groupId, "members");
    // The token is the last user id of the previous page: paging stays stable while members change.
    NavigableSet<String> rest = pageToken == null ? members : members.tailSet(pageToken, false);
    List<Member> page = new ArrayList<>(pageSize);
    String last = null;
    for (String userId : rest) {
      if (page.size() == pageSize) {
        return new MemberPage(page, last);
      }
      IdpUser user = usersById.get(userId);
      page.add(new Member(userId, user == null ? userId : user.login()));
      last = userId;
    }
    return new MemberPage(page, null);
  }

  @Override
  public LastLogin lastLogin(String userId) {
    return lastLogins.getOrDefault(requireNonNull(userId, "userId"), LastLogin.unknown());
  }

  /**
   * {@inheritDoc}
   *
   * <p>Always present: the log tests script through {@link #activity()}, empty until they do.
   */
  @Override
  public Optional<ActivityLog> activityLog() {
    return Optional.of(activityLog);
  }

  /** The activity log, for tests to script sign-ins and failures. */
  public InMemoryActivityLog activity() {
    return activityLog;
  }

  @Override
  public String toString() {
    return "InMemoryIdentityProvider[" + id + "]";
  }
}
