package dev.accessgov.examples;

import dev.accessgov.AccessRuntime;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceExport;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.AccessScheduler;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordQuery;
import dev.accessgov.spi.CheckpointSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;

/**
 * The quick start on the durable embedded store: records and evidence go to a SQLite file, so a
 * second run finds the first run's record (same idempotency key) with its whole timeline instead of
 * granting again. One {@link AccessRuntime} owns the store and the background scheduler, which
 * recovers anything a killed run left half-done and expires time-bound access. Run it twice:
 *
 * <pre>
 * mvn -q -pl examples -am compile exec:java -Dexample=dev.accessgov.examples.EmbeddedQuickStart
 * </pre>
 *
 * <p>Takes an optional directory for the database (default {@code target/access-data}). The
 * checkpoint key is kept there too ({@code checkpoint-key.pem}, made on the first run), with its
 * public half ({@code checkpoint-public.pem}) for auditors, so every run signs with the same key
 * and access-cli can verify the store's evidence. The in-memory identity provider forgets its
 * groups between runs; a real one would not.
 */
public final class EmbeddedQuickStart {
  private EmbeddedQuickStart() {}

  /** Runs the example. */
  public static void main(String[] args) {
    Path dir = Path.of(args.length > 0 ? args[0] : "target/access-data");
    Clock clock = Clock.systemUTC();
    var okta = new InMemoryIdentityProvider("okta", clock).user("bob").groups("gh-read");
    var people = new InMemoryPeopleDirectory().add("bob", "carol").add("carol", null);
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("github")
                    .owner("carol")
                    .role(Role.builder("github/read").group("okta", "gh-read")))
            .build();

    // One key for every run, kept beside the store; a real deployment keeps it in a secret store.
    CheckpointSigner signer =
        CheckpointSigner.loadOrCreate("embedded-quickstart", dir.resolve("checkpoint-key.pem"));
    writePublicKey(dir.resolve("checkpoint-public.pem"), signer);

    JdbcAccessStore store = AccessStores.embedded(dir);
    // The runtime owns the store, the provider and the scheduler: it starts the scheduler (which
    // first recovers what a killed run left half-done) and closes all of them in order.
    try (AccessRuntime runtime =
        AccessRuntime.builder(
                AccessService.builder()
                    .catalog(catalog)
                    .identityProvider(okta)
                    .peopleDirectory(people)
                    .store(store)
                    .checkpointSigner(signer)
                    // Each checkpoint is also published outside the store; in production, on
                    // another volume or host than the store, where whoever can write the store
                    // cannot reach.
                    .checkpointSink(CheckpointSink.directory(dir.resolve("checkpoints")))
                    .clock(clock))
            .background(AccessScheduler.factory(scheduler -> {}))
            .start()) {
      AccessService access = runtime.service();
      System.out.println("store: " + store + "; " + runtime.status());
      System.out.println("records from earlier runs: " + access.find(RecordQuery.all()).size());

      AccessRecord read =
          access.grant(
              GrantRequest.builder()
                  .subject("bob")
                  .requester("bob")
                  .role("github/read")
                  .reason("code review")
                  .idempotencyKey("embedded-quickstart-bob-read")
                  .build());
      System.out.println("record " + read.id() + " (" + read.state() + ")");
      System.out.println(read.walkthrough());
      access.evidence().checkpoint();
      System.out.println(
          "evidence events: "
              + access.evidence().size()
              + ", chain valid: "
              + access.evidence().verify().valid());
      printAuditorPath(dir, read);
    }
  }

  private static void writePublicKey(Path file, CheckpointSigner signer) {
    try {
      Files.writeString(file, EvidenceExport.toPem(signer.publicKey()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** What an auditor runs against this store once this process has ended (H2 allows one). */
  private static void printAuditorPath(Path dir, AccessRecord record) {
    String cli = "java -jar access-cli/target/access-cli-0.1.0-SNAPSHOT-all.jar";
    System.out.printf(
        "%nFor the auditor (build the tool once: mvn -B -q -pl access-cli -am package"
            + " -DskipTests):%n"
            + "  %1$s report control --store %2$s --from %3$s --format html --out"
            + " target/controls.html%n"
            + "  %1$s pack %4$s --store %2$s --signing-key %2$s/checkpoint-key.pem --out"
            + " target/pack%n"
            + "  %1$s verify target/pack --public-key %2$s/checkpoint-public.pem"
            + " --since %2$s/checkpoints/latest.checkpoint%n",
        cli,
        dir,
        record.requestedAt().truncatedTo(ChronoUnit.DAYS).toString().substring(0, 10),
        record.id());
  }
}
