package dev.accessgov.report;

import static dev.accessgov.report.UnmanagedWorld.CARL;
import static dev.accessgov.report.UnmanagedWorld.MALLORY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.accessgov.policy.VerifiedDomains;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

@DisplayName("unmanaged accounts in the reports")
class UnmanagedReportTest {
  static final Period MARCH =
      Period.of(Instant.parse("2026-03-01T00:00:00Z"), Instant.parse("2026-04-01T00:00:00Z"));
  final UnmanagedWorld w = new UnmanagedWorld().scripted();

  AccessReport access() {
    return AccessReport.of(w.access, w.catalog, w.clock.instant())
        .withUnmanaged(w.access.verifiedDomains(), w.people);
  }

  @Nested
  @DisplayName("the access report")
  class Access {
    @Test
    @DisplayName("marks rows whose person lies outside the verified domains")
    void marks() {
      AccessReport report = access();
      assertThat(report.rows())
          .extracting(AccessRow::person, AccessRow::unmanaged)
          .containsExactly(tuple("bob", false), tuple(CARL, true));
      assertThat(report.unexplained())
          .extracting(AccessRow::person, AccessRow::unmanaged)
          .containsExactly(tuple(MALLORY, true));
      assertThat(report.unmanaged()).extracting(AccessRow::person).containsExactly(CARL, MALLORY);
    }

    @Test
    @DisplayName("marks nothing unless judged, or with no domains")
    void unjudged() {
      assertThat(AccessReport.of(w.access, w.catalog, w.clock.instant()).unmanaged()).isEmpty();
      assertThat(access().withUnmanaged(VerifiedDomains.none(), w.people).unmanaged()).isEmpty();
      assertThat(
              AccessReport.of(w.access, w.catalog, w.clock.instant())
                  .withUnmanaged(VerifiedDomains.of("acme.com"), null)
                  .unmanaged())
          .as("without a directory, the plain login bob shows no address")
          .extracting(AccessRow::person)
          .containsExactly("bob", CARL, MALLORY);
    }

    @Test
    @DisplayName("says so in JSON and in the CSV's last column")
    void formats() {
      AccessReport report = access();
      assertThat(report.toJson())
          .contains("\"person\":\"" + CARL + "\"")
          .contains("\"unmanaged\":true")
          .contains("\"unmanaged\":false");
      List<String> lines = report.toCsv().lines().toList();
      assertThat(lines.get(0)).endsWith(",explained,unmanaged");
      assertThat(lines)
          .filteredOn(l -> l.contains(",bob,"))
          .singleElement()
          .asString()
          .matches(".*,yes,no");
      assertThat(lines)
          .filteredOn(l -> l.contains(CARL))
          .singleElement()
          .asString()
          .matches(".*,yes,yes");
      assertThat(lines)
          .filteredOn(l -> l.contains(MALLORY))
          .singleElement()
          .asString()
          .matches(".*,no,yes");
    }
  }

  @Nested
  @DisplayName("the period report")
  class Period_ {
    @Test
    @DisplayName("lists the period's unmanaged accounts and whether a reviewer decided them")
    void lists() {
      Retrospective r = Retrospective.of(w.access, MARCH);
      assertThat(r.unmanaged())
          .extracting(
              UnmanagedAccount::source,
              UnmanagedAccount::account,
              UnmanagedAccount::role,
              UnmanagedAccount::group,
              UnmanagedAccount::decision,
              UnmanagedAccount::reviewerDecided)
          .containsExactlyInAnyOrder(
              tuple("RECONCILE", MALLORY, "github/read", "okta:gh-read", "undecided", false),
              tuple("REVIEW", CARL, "github/read", "okta:gh-read", "KEEP by person:carol", true),
              tuple("REVIEW", MALLORY, "github/read", "okta:gh-read", "undecided", false));
      assertThat(r.unmanaged().get(0).source()).as("found first").isEqualTo("RECONCILE");
      assertThat(r.unmanaged()).allSatisfy(u -> assertThat(u.application()).isEqualTo("github"));
    }

    @Test
    @DisplayName("a reconcile finding shows the review decision later made on its record")
    void findingThenDecision() {
      var item =
          w.access.reviews().items(w.campaign.id()).stream()
              .filter(i -> i.subject().value().equals(MALLORY))
              .findFirst()
              .orElseThrow();
      w.access
          .reviews()
          .decide(
              item.id(),
              dev.accessgov.record.PersonId.of("olivia"),
              dev.accessgov.review.Verdict.REVOKE,
              "not ours");
      Retrospective r = Retrospective.of(w.access, MARCH);
      assertThat(r.unmanaged())
          .filteredOn(u -> u.account().equals(MALLORY))
          .extracting(UnmanagedAccount::decision)
          .containsOnly("REVOKE by person:olivia");
    }

    @Test
    @DisplayName("leaves out what was found outside the period")
    void outside() {
      Period april =
          Period.of(Instant.parse("2026-04-01T00:00:00Z"), Instant.parse("2026-05-01T00:00:00Z"));
      assertThat(Retrospective.of(w.access, april).unmanaged()).isEmpty();
    }

    @Test
    @DisplayName("writes them in JSON and in long-form CSV")
    void formats() {
      Retrospective r = Retrospective.of(w.access, MARCH);
      assertThat(r.toJson())
          .contains("\"unmanaged\":[")
          .contains("\"source\":\"REVIEW\"")
          .contains("\"account\":\"" + CARL + "\"")
          .contains("\"reviewerDecided\":true");
      assertThat(r.toCsv())
          .contains("\r\nunmanaged,")
          .contains(",account," + CARL)
          .contains(",decision,\"KEEP by person:carol\"")
          .contains(",reviewer_decided,false");
    }

    @Test
    @DisplayName("with no verified domains, the list is empty")
    void noDomains() {
      RetroWorld plain = new RetroWorld().scripted();
      assertThat(Retrospective.of(plain.access, RetroWorld.MARCH).unmanaged()).isEmpty();
    }
  }

  @Nested
  @DisplayName("the HTML report")
  class Html {
    @Test
    @DisplayName("flags unmanaged rows and lists the period's unmanaged accounts")
    void renders() {
      String html = page(w);
      assertThat(html)
          .contains("<section id=\"unmanaged\">")
          .contains(CARL + "<span class=\"flag\" title=\"outside the verified domains\">")
          .contains("<b>2</b>grants to unmanaged accounts")
          .contains("<td>KEEP by person:carol</td><td>yes</td>")
          .contains("<td>undecided</td><td><span class=\"alert\">no</span></td>");
      assertThat(HtmlReportTest.count(html, "class=\"flag\"")).isEqualTo(2);
    }

    @Test
    @DisplayName("says none were found when the list is empty")
    void empty() {
      assertThat(RetrospectiveHtmlTest.page())
          .contains("<section id=\"unmanaged\">", "None found in the period");
    }
  }

  /** The page of the world's access report and March retrospective. */
  static String page(UnmanagedWorld w) {
    return HtmlReport.builder("Unmanaged accounts, March 2026")
        .access(
            AccessReport.of(w.access, w.catalog, w.clock.instant())
                .withUnmanaged(w.access.verifiedDomains(), w.people))
        .retrospective(Retrospective.of(w.access, MARCH))
        .generatedAt(Instant.parse("2026-04-01T08:00:00Z"))
        .build()
        .render();
  }
}
