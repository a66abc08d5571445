package dev.accessgov.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Verified-domain matching: the configured domain and its case variants, never a lookalike. */
class VerifiedDomainsPropertyTest {

  @Property
  @Label("an address in the domain matches in any case; lookalikes around it never do")
  void exactFamily(
      @ForAll("domains") String domain,
      @ForAll("labels") String local,
      @ForAll("labels") String other) {
    VerifiedDomains exact = VerifiedDomains.of(domain);
    assertThat(exact.covers(local + "@" + domain)).isTrue();
    assertThat(exact.covers(local + "@" + domain.toUpperCase(java.util.Locale.ROOT))).isTrue();
    for (String lookalike : lookalikes(domain, other)) {
      assertThat(exact.covers(local + "@" + lookalike)).as(lookalike).isFalse();
    }
    assertThat(exact.covers(local + "@" + other + "." + domain)).isFalse();
    assertThat(exact.covers(domain)).isFalse();
  }

  @Property
  @Label("with subdomains: every subdomain matches; lookalikes still never do")
  void subdomainFamily(
      @ForAll("domains") String domain,
      @ForAll("labels") String local,
      @ForAll("labels") String other) {
    VerifiedDomains subs = VerifiedDomains.none().withSubdomainsOf(domain);
    assertThat(subs.covers(local + "@" + domain)).isTrue();
    assertThat(subs.covers(local + "@" + other + "." + domain)).isTrue();
    assertThat(subs.covers(local + "@" + other + "." + other + "." + domain)).isTrue();
    for (String lookalike : lookalikes(domain, other)) {
      assertThat(subs.covers(local + "@" + lookalike)).as(lookalike).isFalse();
    }
  }

  @Property
  @Label("an account judged unmanaged is exactly one whose address is not covered")
  void judgementAgreesWithCovers(
      @ForAll("domains") String domain,
      @ForAll("domains") String login,
      @ForAll("labels") String l) {
    VerifiedDomains d = VerifiedDomains.of(domain);
    String address = l + "@" + login;
    assertThat(d.unmanaged(address, null).isPresent()).isEqualTo(!d.covers(address));
  }

  /** Names that share text with {@code domain} but are not it, nor one of its subdomains. */
  private static List<String> lookalikes(String domain, String other) {
    return List.of(
        domain + "." + other,
        other + domain,
        domain + other,
        domain.replace('.', '-') + ".com",
        domain + ".",
        domain.substring(domain.indexOf('.') + 1));
  }

  @Provide
  Arbitrary<String> labels() {
    return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12);
  }

  @Provide
  Arbitrary<String> domains() {
    return labels().list().ofMinSize(2).ofMaxSize(4).map(ls -> String.join(".", ls));
  }
}
