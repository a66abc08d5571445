package dev.accessgov.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.spi.Person;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerifiedDomainsTest {

  @Nested
  @DisplayName("configuration")
  class Configuration {
    @ParameterizedTest
    @ValueSource(
        strings = {
          "",
          "  ",
          "*.acme.com",
          "*",
          "bob@acme.com",
          "acme",
          "acme..com",
          ".acme.com",
          "acme.com.",
          "-acme.com",
          "acme-.com",
          "ac me.com",
          "acmé.com",
          "acme.com/x"
        })
    @DisplayName("a blank, wildcard or malformed domain is refused with what to write instead")
    void refused(String bad) {
      assertThatThrownBy(() -> VerifiedDomains.of(bad))
          .isInstanceOf(AccessConfigurationException.class)
          .hasMessageContaining("acme.com");
      assertThatThrownBy(() -> VerifiedDomains.none().withSubdomainsOf(bad))
          .isInstanceOf(AccessConfigurationException.class);
    }

    @Test
    @DisplayName("a wildcard is refused with a pointer to withSubdomainsOf")
    void wildcardSaysWhatToDo() {
      assertThatThrownBy(() -> VerifiedDomains.of("*.acme.com"))
          .hasMessageContaining("withSubdomainsOf");
    }

    @Test
    @DisplayName("domains are kept in lower case; one with subdomains is not also listed exact")
    void normalised() {
      VerifiedDomains d = VerifiedDomains.of(" ACME.com ", "acme.io").withSubdomainsOf("acme.io");
      assertThat(d.exact()).containsExactly("acme.com");
      assertThat(d.withSubdomains()).containsExactly("acme.io");
      assertThat(d).hasToString("(*.acme.io, acme.com, acme.io)");
      assertThat(d).isEqualTo(VerifiedDomains.of("acme.com").withSubdomainsOf("ACME.IO"));
      assertThat(VerifiedDomains.none().isEmpty()).isTrue();
      assertThat(VerifiedDomains.of().isEmpty()).isTrue();
    }
  }

  @Nested
  @DisplayName("matching")
  class Matching {
    VerifiedDomains acme = VerifiedDomains.of("acme.com").withSubdomainsOf("corp.acme.io");

    @Test
    @DisplayName("the exact domain matches, in any case; lookalikes do not")
    void exact() {
      assertThat(acme.covers("bob@acme.com")).isTrue();
      assertThat(acme.covers("Bob@ACME.Com")).isTrue();
      assertThat(acme.covers("bob@acme.com.evil.io")).isFalse();
      assertThat(acme.covers("bob@evilacme.com")).isFalse();
      assertThat(acme.covers("bob@eu.acme.com")).isFalse();
      assertThat(acme.covers("bob@acme.com.")).isFalse();
      assertThat(acme.covers("acme.com")).isFalse();
      assertThat(acme.covers("@acme.com")).isFalse();
      assertThat(acme.covers("bob")).isFalse();
    }

    @Test
    @DisplayName("a domain configured with subdomains matches them, and only them")
    void subdomains() {
      assertThat(acme.covers("x@corp.acme.io")).isTrue();
      assertThat(acme.covers("x@eu.corp.acme.io")).isTrue();
      assertThat(acme.covers("x@evilcorp.acme.io")).isFalse();
      assertThat(acme.covers("x@corp.acme.io.evil.io")).isFalse();
      assertThat(acme.covers("x@acme.io")).isFalse();
    }

    @Test
    @DisplayName("the domain is what follows the last @")
    void lastAt() {
      assertThat(acme.covers("bob@acme.com@gmail.com")).isFalse();
      assertThat(acme.covers("\"bob@gmail.com\"@acme.com")).isTrue();
    }
  }

  @Nested
  @DisplayName("which identity is judged")
  class Judged {
    VerifiedDomains acme = VerifiedDomains.of("acme.com");
    Person bob = Person.of("bob", null).withAliases(Set.of("bob@acme.com", "bob@gmail.com"));

    @Test
    @DisplayName("with no domains configured, nothing is unmanaged")
    void none() {
      assertThat(VerifiedDomains.none().unmanaged("bob@gmail.com", null)).isEmpty();
      assertThat(VerifiedDomains.none().unmanaged("bob", null)).isEmpty();
    }

    @Test
    @DisplayName("a login that is an address decides alone, whatever the directory knows")
    void loginDecides() {
      assertThat(acme.unmanaged("bob@acme.com", null)).isEmpty();
      assertThat(acme.unmanaged("bob@gmail.com", bob))
          .hasValueSatisfying(
              why -> assertThat(why).contains("bob@gmail.com").contains("(acme.com)"));
    }

    @Test
    @DisplayName("a plain login is judged by the person's id and aliases in the directory")
    void directoryDecides() {
      assertThat(acme.unmanaged("bob", bob)).isEmpty();
      Person contractor = Person.of("carl", null).withAliases(Set.of("carl@contractor.io"));
      assertThat(acme.unmanaged("carl", contractor))
          .hasValueSatisfying(why -> assertThat(why).contains("no address of carl"));
      Person byIdOnly = Person.of("dana@acme.com", null);
      assertThat(acme.unmanaged("dana", byIdOnly)).isEmpty();
    }

    @Test
    @DisplayName("an account with no address anywhere is unmanaged: nothing shows it is ours")
    void noAddress() {
      assertThat(acme.unmanaged("svc-build", null))
          .hasValueSatisfying(why -> assertThat(why).contains("knows nobody"));
      assertThat(acme.unmanaged("erin", Person.of("erin", null)))
          .hasValueSatisfying(why -> assertThat(why).contains("no address is known for erin"));
    }
  }
}
