package dev.accessgov.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.accessgov.ProviderException;
import dev.accessgov.RateLimitedException;
import dev.accessgov.inmemory.VendorFault;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.MembershipOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every {@link IdentityProvider} promises when its vendor misbehaves: transient faults are
 * retried and the change lands once; a lasting fault ends in a typed, truthfully {@link
 * ProviderException#retryable() retryable} error with nothing changed; a rate limit that resets
 * beyond the total time fails at once as a {@link RateLimitedException} saying when to come back;
 * refused credentials are not retried and no message holds a secret; users are found by e-mail.
 *
 * <p>Subclass it in the provider's module with a {@link VendorControl} over the provider's emulator
 * (or the in-memory provider's simulated vendor). Build the provider with at least 4 attempts per
 * call, backoffs of milliseconds, and a total time that only a hang reaches (minutes) but shorter
 * than an hour, so {@link VendorFault#RATE_LIMITED_FOR_HOURS} is beyond it. Nothing here measures
 * speed.
 */
public abstract class IdentityProviderFaultContract {

  /** A provider's vendor, as a test makes it misbehave and looks at what it holds. */
  public interface VendorControl {
    /** Makes the next {@code times} requests the vendor receives fail with {@code fault}. */
    void failNext(int times, VendorFault fault);

    /** The ids of the group's direct members, as the vendor holds them. */
    List<String> memberIds(String groupId);

    /** How many requests the vendor has received so far. */
    long requests();

    /** A control made of the three functions an emulator offers. */
    static VendorControl of(
        java.util.function.BiConsumer<Integer, VendorFault> failNext,
        java.util.function.Function<String, List<String>> memberIds,
        java.util.function.LongSupplier requests) {
      return new VendorControl() {
        @Override
        public void failNext(int times, VendorFault fault) {
          failNext.accept(times, fault);
        }

        @Override
        public List<String> memberIds(String groupId) {
          return memberIds.apply(groupId);
        }

        @Override
        public long requests() {
          return requests.getAsLong();
        }
      };
    }
  }

  /**
   * What the tests work with at the vendor.
   *
   * @param group a group the test may change; empty when the test starts
   * @param user the provider's id of a user who is in no group when the test starts
   * @param userEmail that user's e-mail address, as the vendor holds it
   * @param secrets every secret the provider was configured with: none may appear in a message
   */
  public record Subjects(String group, String user, String userEmail, List<String> secrets) {}

  /** The provider under test, built as the class description says; the same for the whole test. */
  protected abstract IdentityProvider provider();

  /** The vendor behind {@link #provider()}. */
  protected abstract VendorControl vendor();

  /** The group, user and secrets the tests work with. */
  protected abstract Subjects subjects();

  private String group() {
    return subjects().group();
  }

  private String user() {
    return subjects().user();
  }

  private String userEmail() {
    return subjects().userEmail();
  }

  private List<String> secrets() {
    return subjects().secrets();
  }

  /**
   * Whether the vendor says when a rate limit resets (Okta's {@code X-Rate-Limit-Reset}, Graph's
   * {@code Retry-After}). Google's Directory API does not: it asks for exponential backoff, so a
   * lasting limit there ends when the attempts or the total time run out, still as a {@link
   * RateLimitedException}.
   */
  protected boolean vendorSaysWhenLimitsReset() {
    return true;
  }

  /**
   * A provider like {@link #provider()} on the same vendor, whose client settings report to {@code
   * observer} ({@code ClientSettings.observer}); closed after the test when it is {@link
   * AutoCloseable}. Null, the default, for a provider without client settings (the in-memory one):
   * the observer test is then skipped.
   */
  protected @Nullable IdentityProvider provider(AccessObserver observer) {
    return null;
  }

  @Test
  @DisplayName("a rate limit then success: the observer hears one rate limit and one retry")
  void rateLimitAndRetryObserved() throws Exception {
    List<String> heard = new CopyOnWriteArrayList<>();
    IdentityProvider withObserver =
        provider(
            new AccessObserver() {
              @Override
              public void providerRetry(String providerId, String operation, String reason) {
                heard.add("retry " + providerId + " " + operation);
              }

              @Override
              public void providerRateLimited(String providerId, String operation, Duration wait) {
                heard.add("limited " + providerId + " " + operation);
              }
            });
    Assumptions.assumeTrue(withObserver != null, "this provider has no client settings");
    IdentityProvider observed = Objects.requireNonNull(withObserver);
    try {
      observed.findUser(userEmail()); // as the service does before adding
      vendor().failNext(1, VendorFault.RATE_LIMITED_BRIEFLY);

      assertThat(observed.addMember(group(), user()).outcome()).isEqualTo(MembershipOutcome.ADDED);

      String id = observed.id();
      assertThat(heard)
          .containsExactly("limited " + id + " addMember", "retry " + id + " addMember");
    } finally {
      if (observed instanceof AutoCloseable closeable) {
        closeable.close();
      }
    }
  }

  static Stream<VendorFault> transientFaults() {
    return Stream.of(
        VendorFault.SERVER_ERROR,
        VendorFault.CONNECTION_DROPPED,
        VendorFault.MALFORMED_BODY,
        VendorFault.RATE_LIMITED_BRIEFLY);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("transientFaults")
  @DisplayName("transient faults are retried: an addition and a removal each land once")
  void transientFaultsAreRetried(VendorFault fault) {
    vendor().failNext(2, fault);
    assertThat(provider().addMember(group(), user()).outcome()).isEqualTo(MembershipOutcome.ADDED);
    assertThat(vendor().memberIds(group())).containsExactly(user());

    vendor().failNext(2, fault);
    assertThat(provider().removeMember(group(), user()).outcome())
        .isEqualTo(MembershipOutcome.REMOVED);
    assertThat(vendor().memberIds(group())).isEmpty();
  }

  @Test
  @DisplayName("an addition whose answer is lost is repeated and leaves one membership")
  void lostAnswer() {
    vendor().failNext(1, VendorFault.LOST_ANSWER);

    MembershipOutcome outcome = provider().addMember(group(), user()).outcome();

    assertThat(outcome).isIn(MembershipOutcome.ADDED, MembershipOutcome.ALREADY_MEMBER);
    assertThat(vendor().memberIds(group())).containsExactly(user());
  }

  @Test
  @DisplayName("a lasting outage is a retryable typed error naming the provider, nothing changed")
  void lastingOutage() {
    vendor().failNext(1_000, VendorFault.SERVER_ERROR);

    ProviderException e =
        catchThrowableOfType(() -> provider().addMember(group(), user()), ProviderException.class);

    assertThat(e).isNotNull();
    assertThat(e.retryable()).isTrue();
    assertThat(e.providerId()).isEqualTo(provider().id());
    assertThat(e.status()).isBetween(500, 599);
    assertThat(vendor().memberIds(group())).isEmpty();
    assertNoSecret(e);
  }

  @Test
  @DisplayName(
      "a rate limit beyond the total time is a RateLimitedException: at once, with its reset, when"
          + " the vendor says when")
  void rateLimitBeyondTheTotalTime() {
    long before = vendor().requests();
    vendor().failNext(1_000, VendorFault.RATE_LIMITED_FOR_HOURS);
    Instant asked = Instant.now();

    RateLimitedException e =
        catchThrowableOfType(
            () -> provider().addMember(group(), user()), RateLimitedException.class);

    assertThat(e).isNotNull();
    assertThat(e.retryable()).isTrue();
    if (vendorSaysWhenLimitsReset()) {
      assertThat(e.retryAt()).isNotNull().isAfter(asked);
      assertThat(vendor().requests() - before).as("asked once, not retried").isEqualTo(1);
    }
    assertThat(vendor().memberIds(group())).isEmpty();
    assertNoSecret(e);
  }

  @Test
  @DisplayName(
      "refused credentials are a 401, not retried (one credential refresh at most), and no message"
          + " holds a secret")
  void refusedCredentials() {
    long before = vendor().requests();
    vendor().failNext(1_000, VendorFault.UNAUTHORIZED);

    ProviderException e =
        catchThrowableOfType(() -> provider().addMember(group(), user()), ProviderException.class);

    assertThat(e).isNotNull();
    assertThat(e.status()).isEqualTo(401);
    assertThat(e.retryable()).isFalse();
    // A client may fetch a fresh token and ask once more (google-auth-library does after a 401).
    assertThat(vendor().requests() - before).as("not retried").isBetween(1L, 2L);
    assertNoSecret(e);
    assertThat(provider().toString()).doesNotContain(secrets());
  }

  @Test
  @DisplayName("a user is found by e-mail address, and an unknown address finds nobody")
  void findsByEmail() {
    assertThat(provider().findUser(userEmail())).map(IdpUser::id).contains(user());
    assertThat(provider().findUser("nobody-" + userEmail())).isEmpty();
  }

  private void assertNoSecret(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(String.valueOf(t.getMessage())).doesNotContain(secrets());
      assertThat(t.toString()).doesNotContain(secrets());
    }
  }
}
