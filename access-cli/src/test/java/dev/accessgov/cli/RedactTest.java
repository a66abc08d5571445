package dev.accessgov.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactTest {
  @Test
  void passwordsOfUrlsAreReplaced() {
    assertThat(Redact.credentials("bad url jdbc:postgresql://bob:pa55:w@rd@db:5432/x (oops)"))
        .doesNotContain("pa55")
        .contains("bob:***@");
    assertThat(Redact.credentials("host bob:pa55@db unknown")).isEqualTo("host bob:***@db unknown");
    assertThat(Redact.credentials("jdbc:postgresql://db/x?user=bob&password=pa55&ssl=true"))
        .isEqualTo("jdbc:postgresql://db/x?user=bob&password=***&ssl=true");
    assertThat(Redact.credentials("jdbc:h2:mem:x;USER=bob;PASSWORD=pa55;IFEXISTS=TRUE"))
        .isEqualTo("jdbc:h2:mem:x;USER=bob;PASSWORD=***;IFEXISTS=TRUE");
    assertThat(Redact.credentials("sslpassword=pa55 at 2026-01-05T09:00:00Z"))
        .isEqualTo("sslpassword=*** at 2026-01-05T09:00:00Z");
  }
}
