package dev.accessgov.internal;

import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.ActivityLog;
import dev.accessgov.spi.ActivityPage;
import dev.accessgov.spi.ActivityQuery;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.MemberPage;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An identity provider as the service calls it: every SPI call is timed on the service's clock and
 * reported to the observer ({@link AccessObserver#providerCall}), with what it threw. The one place
 * where provider calls are seen, so no call site can forget it. {@code streamMembers} is left to
 * the interface's default, which pages through the timed {@link #members}. Not API.
 */
final class ObservedProvider implements IdentityProvider {
  private final IdentityProvider provider;
  private final String id;
  private final AccessObserver observer;
  private final Clock clock;

  private ObservedProvider(IdentityProvider provider, AccessObserver observer, Clock clock) {
    this.provider = provider;
    this.id = provider.id();
    this.observer = observer;
    this.clock = clock;
  }

  /** Each of {@code providers} wrapped, keyed as given. */
  static Map<String, IdentityProvider> wrap(
      Map<String, IdentityProvider> providers, AccessObserver observer, Clock clock) {
    AccessObserver safe = AccessObserver.safe(observer);
    Map<String, IdentityProvider> wrapped = new LinkedHashMap<>();
    providers.forEach((key, p) -> wrapped.put(key, new ObservedProvider(p, safe, clock)));
    return Map.copyOf(wrapped);
  }

  private <T> T timed(String operation, Supplier<T> call) {
    Instant start = clock.instant();
    Throwable failure = null;
    try {
      return call.get();
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      observer.providerCall(id, operation, Duration.between(start, clock.instant()), failure);
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public Optional<IdpUser> findUser(String idLoginOrEmail) {
    return timed("findUser", () -> provider.findUser(idLoginOrEmail));
  }

  @Override
  public MembershipChange addMember(String groupId, String userId) {
    return timed("addMember", () -> provider.addMember(groupId, userId));
  }

  @Override
  public MembershipChange removeMember(String groupId, String userId) {
    return timed("removeMember", () -> provider.removeMember(groupId, userId));
  }

  @Override
  public List<MembershipResult> removeMembers(String groupId, List<String> userIds) {
    return timed("removeMembers", () -> provider.removeMembers(groupId, userIds));
  }

  @Override
  public int bulkRemovals() {
    return provider.bulkRemovals();
  }

  @Override
  public boolean isMember(String groupId, String userId) {
    return timed("isMember", () -> provider.isMember(groupId, userId));
  }

  @Override
  public MemberPage members(String groupId, @Nullable String pageToken) {
    return timed("members", () -> provider.members(groupId, pageToken));
  }

  @Override
  public LastLogin lastLogin(String userId) {
    return timed("lastLogin", () -> provider.lastLogin(userId));
  }

  /** The provider's activity log, each page timed as the {@code activity} operation. */
  @Override
  public Optional<ActivityLog> activityLog() {
    return provider
        .activityLog()
        .map(
            log ->
                new ActivityLog() {
                  @Override
                  public String source() {
                    return log.source();
                  }

                  @Override
                  public ActivityPage activity(ActivityQuery query, @Nullable String pageToken) {
                    return timed("activity", () -> log.activity(query, pageToken));
                  }
                });
  }

  @Override
  public String toString() {
    return provider.toString();
  }
}
