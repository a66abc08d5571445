package dev.accessgov.okta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.MembershipOutcome;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Okta org; skipped unless {@code OKTA_ORG_URL} and {@code OKTA_API_TOKEN} are set.
 * With {@code OKTA_TEST_USER} (a login) it reads that user; with {@code OKTA_TEST_GROUP} too (an
 * {@code OKTA_GROUP} id the user is not in) it adds and removes the user.
 */
@EnabledIfEnvironmentVariable(named = "OKTA_ORG_URL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "OKTA_API_TOKEN", matches = ".+")
class OktaLiveTest {
  private static OktaIdentityProvider okta() {
    return OktaIdentityProvider.builder()
        .orgUrl(System.getenv("OKTA_ORG_URL"))
        .apiToken(() -> System.getenv("OKTA_API_TOKEN"))
        .build();
  }

  @Test
  @DisplayName("finds a user, reads the last login, and changes membership idempotently")
  void liveRoundTrip() {
    String login = System.getenv("OKTA_TEST_USER");
    assumeTrue(login != null && !login.isBlank(), "set OKTA_TEST_USER to a login");
    try (OktaIdentityProvider okta = okta()) {
      IdpUser user = okta.findUser(login).orElseThrow();
      assertThat(okta.findUser(user.id())).contains(user);
      assertThat(okta.lastLogin(user.id()).kind()).isNotNull();
      String group = System.getenv("OKTA_TEST_GROUP");
      assumeTrue(group != null && !group.isBlank(), "set OKTA_TEST_GROUP to an OKTA_GROUP id");
      assertThat(okta.addMember(group, user.id()).outcome()).isEqualTo(MembershipOutcome.ADDED);
      assertThat(okta.addMember(group, user.id()).outcome())
          .isEqualTo(MembershipOutcome.ALREADY_MEMBER);
      assertThat(okta.isMember(group, user.id())).isTrue();
      assertThat(okta.removeMember(group, user.id()).outcome())
          .isEqualTo(MembershipOutcome.REMOVED);
      assertThat(okta.removeMember(group, user.id()).receipt().requestId()).isNotBlank();
    }
  }

  @Test
  @DisplayName("an unknown user is empty, not an error")
  void unknownUser() {
    try (OktaIdentityProvider okta = okta()) {
      assertThat(okta.findUser("nobody-" + System.nanoTime() + "@example.invalid")).isEmpty();
    }
  }
}
