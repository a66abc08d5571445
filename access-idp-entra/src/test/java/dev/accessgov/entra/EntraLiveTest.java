package dev.accessgov.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.MembershipOutcome;
import dev.accessgov.spi.MembershipResult;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Entra ID tenant; skipped unless {@code ENTRA_TENANT_ID}, {@code ENTRA_CLIENT_ID}
 * and {@code ENTRA_CLIENT_SECRET} are set. With {@code ENTRA_TEST_USER} (a UPN) it reads that user;
 * with {@code ENTRA_TEST_GROUP} too (an assigned security group the user is not in) it adds and
 * removes the user, singly and through {@code $batch}.
 */
@EnabledIfEnvironmentVariable(named = "ENTRA_TENANT_ID", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ENTRA_CLIENT_ID", matches = ".+")
@EnabledIfEnvironmentVariable(named = "ENTRA_CLIENT_SECRET", matches = ".+")
class EntraLiveTest {
  private static EntraIdentityProvider entra() {
    return EntraIdentityProvider.builder()
        .tenantId(System.getenv("ENTRA_TENANT_ID"))
        .clientId(System.getenv("ENTRA_CLIENT_ID"))
        .clientSecret(() -> System.getenv("ENTRA_CLIENT_SECRET"))
        .build();
  }

  @Test
  @DisplayName("finds a user, reads the last sign-in, and changes membership idempotently")
  void liveRoundTrip() {
    String upn = System.getenv("ENTRA_TEST_USER");
    assumeTrue(upn != null && !upn.isBlank(), "set ENTRA_TEST_USER to a userPrincipalName");
    try (EntraIdentityProvider entra = entra()) {
      IdpUser user = entra.findUser(upn).orElseThrow();
      assertThat(entra.findUser(user.id())).contains(user);
      assertThat(entra.lastLogin(user.id()).kind()).isNotNull();
      String group = System.getenv("ENTRA_TEST_GROUP");
      assumeTrue(group != null && !group.isBlank(), "set ENTRA_TEST_GROUP to a group id");
      assertThat(entra.addMember(group, user.id()).outcome()).isEqualTo(MembershipOutcome.ADDED);
      assertThat(entra.addMember(group, user.id()).outcome())
          .isEqualTo(MembershipOutcome.ALREADY_MEMBER);
      assertThat(entra.isMember(group, user.id())).isTrue();
      assertThat(entra.removeMember(group, user.id()).outcome())
          .isEqualTo(MembershipOutcome.REMOVED);
      assertThat(entra.removeMember(group, user.id()).outcome())
          .isEqualTo(MembershipOutcome.NOT_A_MEMBER);
      assertThat(entra.addMembers(group, List.of(user.id())).get(0))
          .isInstanceOf(MembershipResult.Changed.class);
      MembershipResult removed = entra.removeMembers(group, List.of(user.id())).get(0);
      assertThat(removed).isInstanceOf(MembershipResult.Changed.class);
      assertThat(((MembershipResult.Changed) removed).change().receipt().requestId()).isNotBlank();
    }
  }

  @Test
  @DisplayName("an unknown user is empty, not an error")
  void unknownUser() {
    try (EntraIdentityProvider entra = entra()) {
      assertThat(entra.findUser("nobody-" + System.nanoTime() + "@example.invalid")).isEmpty();
    }
  }
}
