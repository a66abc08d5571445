package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.accessgov.spi.IdpUser;
import dev.accessgov.spi.MembershipOutcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Against a real Google Workspace; skipped unless {@code GOOGLE_CREDENTIALS_FILE} (a service
 * account's JSON key with domain-wide delegation), {@code GOOGLE_ADMIN_EMAIL} and {@code
 * GOOGLE_CUSTOMER_ID} are set. With {@code GOOGLE_TEST_USER} (an e-mail) it reads that user; with
 * {@code GOOGLE_TEST_GROUP} too (a group e-mail or id the user is not in) it adds and removes the
 * user.
 */
@EnabledIfEnvironmentVariable(named = "GOOGLE_CREDENTIALS_FILE", matches = ".+")
@EnabledIfEnvironmentVariable(named = "GOOGLE_ADMIN_EMAIL", matches = ".+")
@EnabledIfEnvironmentVariable(named = "GOOGLE_CUSTOMER_ID", matches = ".+")
class GoogleLiveTest {
  private static GoogleIdentityProvider google() {
    return GoogleIdentityProvider.builder()
        .serviceAccountKey(GoogleLiveTest::key)
        .delegatedAdmin(System.getenv("GOOGLE_ADMIN_EMAIL"))
        .customerId(System.getenv("GOOGLE_CUSTOMER_ID"))
        .build();
  }

  private static String key() {
    try {
      return Files.readString(Path.of(System.getenv("GOOGLE_CREDENTIALS_FILE")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  @DisplayName("finds a user, reads the last login, and changes membership idempotently")
  void liveRoundTrip() {
    String email = System.getenv("GOOGLE_TEST_USER");
    assumeTrue(email != null && !email.isBlank(), "set GOOGLE_TEST_USER to a user's e-mail");
    GoogleIdentityProvider google = google();
    IdpUser user = google.findUser(email).orElseThrow();
    assertThat(google.findUser(user.id())).contains(user);
    assertThat(google.lastLogin(user.id()).kind()).isNotNull();
    String group = System.getenv("GOOGLE_TEST_GROUP");
    assumeTrue(group != null && !group.isBlank(), "set GOOGLE_TEST_GROUP to a group e-mail or id");
    assertThat(google.addMember(group, user.id()).outcome()).isEqualTo(MembershipOutcome.ADDED);
    assertThat(google.addMember(group, user.id()).outcome())
        .isEqualTo(MembershipOutcome.ALREADY_MEMBER);
    assertThat(google.isMember(group, user.id())).isTrue();
    assertThat(google.streamMembers(group).anyMatch(m -> m.userId().equals(user.id()))).isTrue();
    assertThat(google.removeMember(group, user.id()).outcome())
        .isEqualTo(MembershipOutcome.REMOVED);
    assertThat(google.removeMember(group, user.id()).outcome())
        .isEqualTo(MembershipOutcome.NOT_A_MEMBER);
  }

  @Test
  @DisplayName("an unknown user is empty, not an error")
  void unknownUser() {
    String domain = System.getenv("GOOGLE_ADMIN_EMAIL").replaceFirst(".*@", "");
    assertThat(google().findUser("nobody-" + System.nanoTime() + "@" + domain)).isEmpty();
  }
}
