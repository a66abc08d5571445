package dev.accessgov.jdbc.postgres;

import static dev.accessgov.evidence.EvidenceKeys.ANSWERED_AT;
import static dev.accessgov.evidence.EvidenceKeys.GROUP;
import static dev.accessgov.evidence.EvidenceKeys.IDP_USER;
import static dev.accessgov.evidence.EvidenceKeys.OUTCOME;
import static dev.accessgov.evidence.EvidenceKeys.PROVIDER;
import static dev.accessgov.evidence.EvidenceKeys.REASON;
import static dev.accessgov.evidence.EvidenceKeys.REQUEST_ID;
import static dev.accessgov.evidence.EvidenceKeys.STATUS;
import static dev.accessgov.evidence.EvidenceKeys.STEP;
import static dev.accessgov.evidence.EvidenceKeys.STEP_INDEX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.Checkpoint;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.evidence.EvidenceVerifier;
import dev.accessgov.evidence.LogProofs;
import dev.accessgov.evidence.VerificationResult;
import dev.accessgov.inmemory.InMemoryIdentityProvider;
import dev.accessgov.jdbc.Fixtures;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fills a database for the multi-instance tests quickly: active records with their evidence written
 * straight to the store (8 threads), and their users and memberships in the identity provider; and
 * reads the whole chain back to verify it.
 */
final class Seeding {
  private Seeding() {}

  /** Reads the whole chain of {@code store} and verifies it. */
  static VerificationResult verify(JdbcAccessStore store) {
    List<EvidenceEvent> chain = new ArrayList<>();
    long size = store.evidenceSize();
    for (long from = 1; from <= size; from += 5000) {
      chain.addAll(store.evidence(from, 5000));
    }
    assertThat(chain).hasSize((int) size);
    // Signed over the root the store kept: verifying checks the store's tree against the events.
    CheckpointSigner signer = CheckpointSigner.generate("test");
    Checkpoint head =
        signer.sign(size, LogProofs.root(size, store.evidenceTree()), java.time.Instant.EPOCH);
    return EvidenceVerifier.verify(chain.iterator(), List.of(head), signer.publicKey());
  }

  /**
   * Inserts {@code count} active records of users {@code user-0}.. that end at {@code ends} (each
   * began 2 hours before it), and their memberships; closes {@code store}.
   */
  static void seed(JdbcAccessStore store, InMemoryIdentityProvider idp, int count, Instant ends)
      throws Exception {
    Instant start = ends.minus(Duration.ofHours(2));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> work = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int offset = t;
        work.add(
            pool.submit(
                () -> {
                  for (int i = offset; i < count; i += 8) {
                    String user = "user-" + i;
                    idp.user(user);
                    idp.addMember(Fixtures.GROUP, user);
                    store.insert(activeRecord(user, start, ends), drafts(user, start));
                  }
                  return null;
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
      store.close();
    }
  }

  private static AccessRecord activeRecord(String user, Instant start, Instant ends) {
    return AccessRecord.builder()
        .id(RecordId.of("ar-" + user))
        .subject(PersonId.of(user))
        .roleId(RoleId.of(Fixtures.ROLE))
        .requester(PersonId.of(user))
        .reason("deploy")
        .state(RecordState.ACTIVE)
        .requestedAt(start)
        .duration(Duration.ofHours(2))
        .activatedAt(start)
        .expiresAt(ends)
        .reviewDueAt(start.plus(Duration.ofDays(180)))
        .build();
  }

  private static List<EvidenceDraft> drafts(String user, Instant at) {
    String id = "ar-" + user;
    Map<String, Object> requested = Map.of(REASON, "deploy", "subject", user);
    Map<String, Object> approved = Map.of(STEP, "AUTO", STEP_INDEX, 0L);
    Map<String, Object> provisioned = new HashMap<>();
    provisioned.put(PROVIDER, Fixtures.IDP);
    provisioned.put(GROUP, Fixtures.GROUP);
    provisioned.put(IDP_USER, user);
    provisioned.put(OUTCOME, "ADDED");
    provisioned.put(STATUS, 0L);
    provisioned.put(REQUEST_ID, "seed-" + user);
    provisioned.put(ANSWERED_AT, at.toString());
    return List.of(
        EvidenceDraft.of(id, EvidenceType.REQUESTED, "person:" + user, at, requested),
        EvidenceDraft.of(id, EvidenceType.APPROVED, "system:policy", at, approved),
        EvidenceDraft.of(id, EvidenceType.PROVISIONED, "system:provisioner", at, provisioned));
  }
}
