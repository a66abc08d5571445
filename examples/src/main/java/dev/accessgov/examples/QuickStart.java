package dev.accessgov.examples;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.report.AccessReport;
import dev.accessgov.report.ControlReport;
import dev.accessgov.report.HtmlReport;
import dev.accessgov.report.OperationalMetrics;
import dev.accessgov.report.Period;
import dev.accessgov.time.TestClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The README's quick start: a standard grant approved by policy, a privileged grant approved by the
 * application owner for 6 hours, a refused self-approval, and the privileged access expiring when
 * the clock moves 7 hours. Prints each record's five audit answers, verifies the evidence chain and
 * writes an HTML report a person can open (to {@code target/quickstart-report.html}, or the path in
 * the system property {@code report}).
 */
public final class QuickStart {
  private QuickStart() {}

  /** Runs the quick start; takes no arguments. */
  public static void main(String[] args) {
    TestClock clock = TestClock.at("2026-01-05T09:00:00Z"); // a clock we can move forward
    var okta =
        new InMemoryIdentityProvider("okta", clock).user("bob").groups("gh-read", "gh-admin");
    var people =
        new InMemoryPeopleDirectory().add("bob", "carol").add("carol", null).add("olivia", null);
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("github")
                    .owner("olivia")
                    .role(Role.builder("github/read").group("okta", "gh-read"))
                    .role(
                        Role.builder("github/admin")
                            .tier(RiskTier.PRIVILEGED)
                            .group("okta", "gh-admin")))
            .build();
    AccessService access =
        AccessService.builder()
            .catalog(catalog)
            .identityProvider(okta)
            .peopleDirectory(people)
            .checkpointSigner(CheckpointSigner.generate("quickstart"))
            .clock(clock)
            .build();

    AccessRecord read =
        access.grant(
            GrantRequest.builder()
                .subject("bob")
                .requester("bob")
                .role("github/read")
                .reason("code review")
                .build());
    AccessRecord admin =
        access.grant(
            GrantRequest.builder()
                .subject("bob")
                .requester("bob")
                .role("github/admin")
                .reason("release 4.2")
                .duration(Duration.ofHours(6))
                .build());
    try {
      access.approve(admin.id(), PersonId.of("bob"), "looks fine to me");
    } catch (PolicyViolationException refused) {
      System.out.println("refused: " + refused.getMessage());
    }
    access.approve(admin.id(), PersonId.of("olivia"), "release window");
    System.out.println("bob in gh-admin after approval: " + okta.isMember("gh-admin", "bob"));
    clock.advance(Duration.ofHours(7));
    access.expireDue();
    System.out.println("bob in gh-admin 7 hours later: " + okta.isMember("gh-admin", "bob"));

    for (AccessRecord r : List.of(read, admin)) {
      AccessRecord now = access.record(r.id());
      System.out.printf(
          "%nrecord %s (%s, %s)%n%s%n", now.id(), now.roleId(), now.state(), now.walkthrough());
    }
    access.evidence().checkpoint();
    System.out.println();
    System.out.println(access.evidence().verify());

    Path html = Path.of(System.getProperty("report", "target/quickstart-report.html"));
    Instant now = clock.instant();
    Instant day = Instant.parse("2026-01-05T00:00:00Z");
    try {
      Files.createDirectories(html.toAbsolutePath().getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    HtmlReport.builder("Quick start: GitHub access on 5 January 2026")
        .access(AccessReport.of(access, catalog, now).withLastLogins(access, List.of(okta)))
        .control(ControlReport.of(access, Period.of(day, day.plus(Duration.ofDays(1)))))
        .metrics(OperationalMetrics.of(access, catalog, now))
        .generatedAt(now)
        .build()
        .write(html);
    System.out.println("HTML report written to " + html.toAbsolutePath().normalize());
  }
}
