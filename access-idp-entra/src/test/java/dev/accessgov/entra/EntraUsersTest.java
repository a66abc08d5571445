package dev.accessgov.entra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.entra.emulator.GraphEmulator;
import dev.accessgov.entra.emulator.GraphRequestRules;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Finding users by id, UPN or mail, and reading their last sign-in. */
class EntraUsersTest {
  private static final String ALICE = "a11ce000-0000-4000-8000-000000000001";
  private static final String CAROL = "ca401000-0000-4000-8000-000000000001";
  private static final String DAVE = "da4e0000-0000-4000-8000-000000000001";

  @RegisterExtension static final GraphEmulator graph = new GraphEmulator();
  private EntraIdentityProvider provider;

  @BeforeEach
  void seed() {
    graph
        .reset()
        .user(ALICE, "alice@contoso.example", Instant.parse("2026-01-02T08:00:00Z"))
        .user(CAROL, "carol_fabrikam.example#EXT#@contoso.example", "carol@fabrikam.example", false)
        .user(DAVE, "dave@contoso.example", null);
    provider =
        EntraIdentityProvider.builder()
            .graphBaseUrl(graph.baseUrl())
            .client(c -> c.allowInsecureHttpForTests(true))
            .tokenCredential(GraphEmulator.credential())
            .client(c -> c.initialBackoff(Duration.ofMillis(5)).maxBackoff(Duration.ofMillis(20)))
            .build();
  }

  @AfterEach
  void requestsFollowTheRules() {
    provider.close();
    assertThat(GraphRequestRules.violations(graph.server().getAllServeEvents())).isEmpty();
  }

  @Test
  @DisplayName("finds a guest by mail when it is not the UPN, and reports a disabled account")
  void findsByMail() {
    IdpUser carol = provider.findUser("carol@fabrikam.example").orElseThrow();
    assertThat(carol.id()).isEqualTo(CAROL);
    assertThat(carol.login()).isEqualTo("carol_fabrikam.example#EXT#@contoso.example");
    assertThat(carol.email()).isEqualTo("carol@fabrikam.example");
    assertThat(carol.active()).isFalse();
    assertThat(provider.findUser(carol.login())).contains(carol);
    assertThat(provider.findUser("o'brien@contoso.example")).isEmpty();
  }

  @Test
  @DisplayName("reads the last sign-in, never, and unknown when no activity is recorded")
  void lastSignIn() {
    assertThat(provider.lastLogin(ALICE))
        .isEqualTo(LastLogin.at(Instant.parse("2026-01-02T08:00:00Z")));
    assertThat(provider.lastLogin(DAVE)).isEqualTo(LastLogin.never());
    assertThat(provider.lastLogin(CAROL)).isEqualTo(LastLogin.unknown());
    assertThat(provider.lastLogin("00000000-0000-4000-8000-0000000nobody"))
        .isEqualTo(LastLogin.unknown());
  }

  @Test
  @DisplayName("failed sign-ins of a dormant account under password spray do not make it active")
  void passwordSpray() {
    // signInActivity resource type (learn.microsoft.com/graph/api/resources/signinactivity):
    // lastSignInDateTime and lastNonInteractiveSignInDateTime record attempts "either successfully
    // or unsuccessfully"; lastSuccessfulSignInDateTime only those that worked.
    String eve = "e4e00000-0000-4000-8000-000000000001";
    Instant lastReal = Instant.parse("2025-03-01T10:00:00Z");
    graph
        .user(eve, "eve@contoso.example", lastReal)
        .signIn(eve, Instant.parse("2026-01-04T03:00:00Z"), true, false)
        .signIn(eve, Instant.parse("2026-01-05T03:00:00Z"), false, false);
    assertThat(provider.lastLogin(eve)).isEqualTo(LastLogin.at(lastReal));
  }

  @Test
  @DisplayName("attempts without any recorded success are unknown, neither a date nor never")
  void attemptsWithoutSuccess() {
    // lastSuccessfulSignInDateTime exists since December 2023 and "isn't backfilled": a null next
    // to recorded attempts may hide an older success, so it is a gap, not a fact.
    String frank = "f4a00000-0000-4000-8000-000000000001";
    graph
        .user(frank, "frank@contoso.example", null)
        .signIn(frank, Instant.parse("2026-01-04T03:00:00Z"), true, false);
    assertThat(provider.lastLogin(frank)).isEqualTo(LastLogin.unknown());
  }

  @Test
  @DisplayName("a successful non-interactive sign-in counts as the last login")
  void nonInteractiveSuccess() {
    Instant token = Instant.parse("2026-01-03T12:00:00Z");
    graph.signIn(ALICE, token, false, true);
    assertThat(provider.lastLogin(ALICE)).isEqualTo(LastLogin.at(token));
  }

  @Test
  @DisplayName("without an Entra ID P1/P2 licence the last sign-in is unknown, not an error")
  void unlicensedTenant() {
    graph.signInActivityLicensed(false);
    assertThat(provider.lastLogin(ALICE)).isEqualTo(LastLogin.unknown());
  }

  @Test
  @DisplayName("a page token that is not this tenant's nextLink is refused before any call")
  void foreignPageToken() {
    assertThatThrownBy(
            () -> provider.members("g", "https://evil.example/v1.0/groups/g/members?$skiptoken=x"))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(graph.httpRequestCount()).isZero();
  }
}
