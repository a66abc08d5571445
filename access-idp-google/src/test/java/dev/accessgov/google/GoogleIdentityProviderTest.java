package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.accessgov.google.emulator.DirectoryRequestValidator;
import dev.accessgov.google.emulator.GoogleEmulator;
import dev.accessgov.google.emulator.ServiceAccountKey;
import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.LastLogin;
import dev.accessgov.spi.MembershipChange;
import dev.accessgov.spi.MembershipOutcome;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** What the Google provider adds to the contract: Google's own ways of saying things. */
class GoogleIdentityProviderTest {
  private static final String GROUP = "03eng000000001";

  private static GoogleEmulator google;
  private static ServiceAccountKey key;
  private GoogleIdentityProvider provider;

  @BeforeAll
  static void start() {
    google = new GoogleEmulator();
    key = new ServiceAccountKey(google.tokenUri());
    google.tokens().trust(key.publicKey());
  }

  @AfterAll
  static void stop() {
    google.close();
  }

  @BeforeEach
  void seed() {
    google
        .reset()
        .group(GROUP, "eng@example.com", "engineering@example.com")
        .user(
            "4242",
            "carol@example.com",
            List.of("c.ops@example.com"),
            GoogleEmulator.CUSTOMER,
            false)
        .user("4343", "dave@other.example", List.of(), "C0another", true);
    provider = Emulated.provider(google, key).build();
  }

  @AfterEach
  void requestsAreValidDirectoryCalls() {
    assertThat(DirectoryRequestValidator.violations(google.server().getAllServeEvents())).isEmpty();
  }

  private static long requests(String method, String pathPart) {
    return google.server().getAllServeEvents().stream()
        .map(ServeEvent::getRequest)
        .filter(r -> r.getMethod().getName().equals(method) && r.getUrl().contains(pathPart))
        .count();
  }

  @Nested
  @DisplayName("users")
  class Users {
    @Test
    @DisplayName("an alias finds the user, whose login is the primary e-mail")
    void aliasResolves() {
      IdpUser carol = provider.findUser("c.ops@example.com").orElseThrow();
      assertThat(carol)
          .isEqualTo(new IdpUser("4242", "carol@example.com", "carol@example.com", true));
    }

    @Test
    @DisplayName("a bare name is qualified with the configured domain")
    void bareNameUsesDomain() {
      GoogleIdentityProvider withDomain =
          Emulated.provider(google, key).domain("example.com").build();
      assertThat(withDomain.findUser("carol")).map(IdpUser::id).contains("4242");
      assertThat(withDomain.findUser("4242")).map(IdpUser::id).contains("4242");
    }

    @Test
    @DisplayName(
        "with a customer id, users of another customer are not found; suspended is inactive")
    void customerAndSuspension() {
      assertThat(provider.findUser("4343")).map(IdpUser::active).contains(false);
      GoogleIdentityProvider ours =
          Emulated.provider(google, key).customerId(GoogleEmulator.CUSTOMER).build();
      assertThat(ours.findUser("4343")).isEmpty();
      assertThat(ours.findUser("4242")).isPresent();
    }

    @Test
    @DisplayName("Google's 1970 lastLoginTime means never signed in, not a date")
    void epochIsNever() {
      String never = google.user("new@example.com", null);
      String seen = google.user("seen@example.com", Instant.parse("2026-02-03T04:05:06Z"));
      assertThat(provider.lastLogin(never)).isEqualTo(LastLogin.never());
      assertThat(provider.lastLogin(seen))
          .isEqualTo(LastLogin.at(Instant.parse("2026-02-03T04:05:06Z")));
      assertThat(provider.lastLogin("0000000")).isEqualTo(LastLogin.unknown());
    }
  }

  @Nested
  @DisplayName("groups and membership")
  class Groups {
    @Test
    @DisplayName("a group e-mail is resolved to its id once, then cached")
    void resolvesGroupEmailOnce() {
      provider.addMember("eng@example.com", "4242");
      provider.isMember("ENG@example.com", "4242");
      provider.removeMember("eng@example.com", "4242");
      assertThat(requests("GET", "/groups/eng")).isEqualTo(1);
      assertThat(requests("POST", "/groups/" + GROUP + "/members")).isEqualTo(1);
    }

    @Test
    @DisplayName("a group alias resolves to the same group; an id is used without a look-up")
    void aliasAndId() {
      provider.addMember("engineering@example.com", "4242");
      assertThat(provider.isMember(GROUP, "4242")).isTrue();
      assertThat(requests("GET", "/groups/" + GROUP + "?")).isZero();
      assertThat(google.memberIds(GROUP)).containsExactly("4242");
    }

    @Test
    @DisplayName("receipts carry Google's answer: 200 and 409 duplicate, 204 and 404")
    void receipts() {
      MembershipChange added = provider.addMember(GROUP, "4242");
      MembershipChange again = provider.addMember(GROUP, "carol@example.com");
      MembershipChange removed = provider.removeMember(GROUP, "4242");
      MembershipChange absent = provider.removeMember(GROUP, "4242");
      assertThat(List.of(added, again, removed, absent))
          .extracting(c -> c.outcome() + " " + c.receipt().status())
          .containsExactly("ADDED 200", "ALREADY_MEMBER 409", "REMOVED 204", "NOT_A_MEMBER 404");
      assertThat(again.receipt().providerId()).isEqualTo("google");
      assertThat(again.groupId()).isEqualTo(GROUP);
    }
  }

  @Nested
  @DisplayName("members.insert")
  class Insert {
    @Test
    @DisplayName("names the member by its primary e-mail, which the discovery document requires")
    void sendsPrimaryEmail() throws Exception {
      // Member.email: "This property is required when adding a member to a group."
      // (admin:directory_v1)
      assertThat(provider.addMember(GROUP, "4242").outcome()).isEqualTo(MembershipOutcome.ADDED);
      List<JsonNode> bodies = new ArrayList<>();
      for (ServeEvent e : google.server().getAllServeEvents()) {
        if (e.getRequest().getMethod().getName().equals("POST")
            && e.getRequest().getUrl().contains("/members")) {
          bodies.add(new ObjectMapper().readTree(e.getRequest().getBodyAsString()));
        }
      }
      assertThat(bodies)
          .singleElement()
          .satisfies(
              b -> {
                assertThat(b.path("email").asText()).isEqualTo("carol@example.com");
                assertThat(b.path("role").asText()).isEqualTo("MEMBER");
              });
      assertThat(google.memberIds(GROUP)).containsExactly("4242");
    }

    @Test
    @DisplayName("a user found first costs no second look-up")
    void foundUserNeedsNoLookup() {
      provider.findUser("4242");
      google.server().resetRequests();
      provider.addMember(GROUP, "4242");
      assertThat(requests("GET", "/users/")).isZero();
    }
  }

  @Nested
  @DisplayName("direct membership only")
  class DirectMembership {
    private static final String NESTED = "03ops000000001";

    @BeforeEach
    void nest() {
      google.group(NESTED, "ops@example.com").nestedGroup(GROUP, NESTED).member(NESTED, "4242");
    }

    @Test
    @DisplayName("a user who is only a member of a nested group is not a member")
    void nestedOnlyIsNoMember() {
      assertThat(provider.isMember(GROUP, "4242")).isFalse();
      assertThat(provider.members(GROUP, null).members()).isEmpty();
      assertThat(provider.isMember(NESTED, "4242")).isTrue();
    }

    @Test
    @DisplayName("a user removed directly but still nested is reported not a member")
    void removedButNested() {
      provider.addMember(GROUP, "4242");
      assertThat(provider.isMember(GROUP, "4242")).isTrue();
      assertThat(provider.removeMember(GROUP, "4242").outcome())
          .isEqualTo(MembershipOutcome.REMOVED);
      assertThat(provider.isMember(GROUP, "4242")).isFalse();
    }

    @Test
    @DisplayName("members outside the group's domain are answered, not refused")
    void outsideTheDomain() {
      google.user("5151", "pat@partner.example", List.of(), GoogleEmulator.CUSTOMER, false);
      assertThat(provider.isMember(GROUP, "5151")).isFalse();
      provider.addMember(GROUP, "5151");
      assertThat(provider.isMember(GROUP, "5151")).isTrue();
      assertThat(provider.isMember(GROUP, "pat@partner.example")).isTrue();
      provider.removeMember(GROUP, "5151");
      assertThat(provider.isMember(GROUP, "5151")).isFalse();
    }
  }

  @Nested
  @DisplayName("service account and delegation")
  class Delegation {
    @Test
    @DisplayName("the token request is signed by the key, acts as the admin and asks our scopes")
    void assertionClaims() {
      provider.findUser("4242");
      JsonNode claims = google.tokens().claims().get(google.tokens().claims().size() - 1);
      assertThat(claims.path("iss").asText()).isEqualTo(ServiceAccountKey.CLIENT_EMAIL);
      assertThat(claims.path("sub").asText()).isEqualTo(Emulated.ADMIN);
      // Google's token audience, whatever token_uri the key names.
      assertThat(claims.path("aud").asText()).isEqualTo("https://oauth2.googleapis.com/token");
      assertThat(Set.of(claims.path("scope").asText().split(" ")))
          .containsExactlyInAnyOrderElementsOf(GoogleIdentityProvider.SCOPES);
    }

    @Test
    @DisplayName("one token serves many calls")
    void tokenIsReused() {
      provider.findUser("4242");
      provider.findUser("carol@example.com");
      provider.isMember(GROUP, "4242");
      assertThat(requests("POST", "/token")).isEqualTo(1);
    }

    @Test
    @DisplayName("credentials built elsewhere are scoped and delegated the same way")
    void readyMadeServiceAccount() throws Exception {
      ServiceAccountCredentials made =
          ServiceAccountCredentials.fromStream(
              new ByteArrayInputStream(key.json().getBytes(StandardCharsets.UTF_8)));
      GoogleIdentityProvider fromCredentials =
          GoogleIdentityProvider.builder()
              .rootUrl(google.rootUrl())
              .client(c -> c.allowInsecureHttpForTests(true))
              .serviceAccount(made)
              .delegatedAdmin("other-admin@example.com")
              .build();
      assertThat(fromCredentials.findUser("4242")).isPresent();
      JsonNode claims = google.tokens().claims().get(google.tokens().claims().size() - 1);
      assertThat(claims.path("sub").asText()).isEqualTo("other-admin@example.com");
      assertThat(fromCredentials.toString())
          .contains(ServiceAccountKey.CLIENT_EMAIL, "other-admin@example.com")
          .doesNotContain(key.privateKeyFragment());
    }
  }
}
