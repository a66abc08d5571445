package dev.accessgov.cli;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.ReviewCampaign;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.review.ReviewScope;
import dev.accessgov.review.Verdict;
import dev.accessgov.time.TestClock;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * An application's H2 store, filled through a real service with an in-memory identity provider and
 * then closed, as access-cli finds it on disk; plus the checkpoint key pair as PEM files. Script
 * (from 2026-01-05T09:00Z): bob gets github/read by policy; bob asks for github/admin for 6 h and
 * olivia approves; carol gets github/read and olivia revokes it an hour later; olivia, the app
 * owner, then reviews github/read and keeps bob's.
 */
final class CliWorld {
  static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

  final Path store;
  final Path export;
  final Path privateKey;
  final Path publicKey;
  final PublicKey key;
  final AccessRecord bobRead;
  final AccessRecord bobAdmin;
  final AccessRecord carolRead;
  final String campaignId;

  CliWorld(Path dir) throws IOException {
    store = dir.resolve("store");
    export = dir.resolve("export");
    KeyPair pair = ed25519();
    key = pair.getPublic();
    privateKey =
        pem(dir.resolve("checkpoint-key.pem"), "PRIVATE KEY", pair.getPrivate().getEncoded());
    publicKey =
        Files.writeString(dir.resolve("public-key.pem"), EvidenceExport.toPem(pair.getPublic()));
    TestClock clock = TestClock.at(START);
    InMemoryIdentityProvider idp =
        new InMemoryIdentityProvider("okta", clock).groups("gh-read", "gh-admin", "gh-audit");
    InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
    for (String p : new String[] {"alice", "bob", "carol", "olivia"}) {
      people.add(p, null);
      idp.user(p);
    }
    try (JdbcAccessStore jdbc = AccessStores.embedded(store)) {
      AccessService access =
          AccessService.builder()
              .catalog(catalog())
              .identityProvider(idp)
              .peopleDirectory(people)
              .store(jdbc)
              .checkpointSigner(
                  CheckpointSigner.ed25519("app-key", pair.getPrivate(), pair.getPublic()))
              .clock(clock)
              .build();
      bobRead = access.grant(request("bob", "github/read").build());
      AccessRecord admin =
          access.grant(request("bob", "github/admin").duration(Duration.ofHours(6)).build());
      bobAdmin = access.approve(admin.id(), PersonId.of("olivia"), "release window");
      AccessRecord carol = access.grant(request("carol", "github/read").build());
      access.evidence().checkpoint();
      clock.advance(Duration.ofHours(1));
      carolRead = access.revoke(carol.id(), PersonId.of("olivia"), "left the team");
      ReviewCampaign review =
          access
              .reviews()
              .start(
                  CampaignSpec.builder("github/read review", "olivia")
                      .scope(ReviewScope.roles("github/read"))
                      .build());
      for (ReviewItem item : access.reviews().items(review.id())) {
        access.reviews().decide(item.id(), item.reviewer(), Verdict.KEEP, "still needed");
      }
      campaignId = review.id().value();
      access.evidence().export(export);
    }
  }

  private static Catalog catalog() {
    return Catalog.builder()
        .application(
            Application.builder("github")
                .name("GitHub")
                .owner("olivia")
                .role(Role.builder("github/read").group("okta", "gh-read"))
                .role(
                    Role.builder("github/admin")
                        .tier(RiskTier.PRIVILEGED)
                        .group("okta", "gh-admin")
                        .group("okta", "gh-audit")))
        .build();
  }

  private static GrantRequest.Builder request(String subject, String role) {
    return GrantRequest.builder()
        .subject(subject)
        .role(role)
        .requester("alice")
        .reason("on-call for release 4.2");
  }

  static KeyPair ed25519() {
    try {
      return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static Path pem(Path file, String type, byte[] der) throws IOException {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return Files.writeString(
        file, "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n");
  }

  /** Runs access-cli in this JVM. */
  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit =
        AccessCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  /**
   * What one run printed and returned.
   *
   * @param exit the exit status
   * @param out standard output
   * @param err standard error
   */
  record Run(int exit, String out, String err) {}
}
