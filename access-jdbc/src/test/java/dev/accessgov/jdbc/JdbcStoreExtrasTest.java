package dev.accessgov.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.catalog.RoleId;
import dev.accessgov.evidence.EvidenceDraft;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.record.RecordId;
import dev.accessgov.record.RecordState;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Promises of the JDBC store that the access-testkit contract does not (yet) check. */
@DisplayName("the JDBC store beyond the contract")
class JdbcStoreExtrasTest {
  private static final Instant T0 = Instant.parse("2026-01-05T09:00:00.123456789Z");
  @TempDir Path dir;
  private JdbcAccessStore store;

  @BeforeEach
  void open() {
    store = AccessStores.embedded(dir);
  }

  @AfterEach
  void close() {
    store.close();
  }

  private AccessRecord insert(String subject) {
    AccessRecord r =
        AccessRecord.builder()
            .id(RecordId.random())
            .subject(PersonId.of(subject))
            .roleId(RoleId.of("r1"))
            .requester(PersonId.of(subject))
            .reason("extras")
            .requestedAt(T0)
            .expiresAt(T0)
            .build();
    return store.insert(r, List.of(draft(r, EvidenceType.REQUESTED)));
  }

  private static EvidenceDraft draft(AccessRecord r, EvidenceType type) {
    return EvidenceDraft.of(r.id().value(), type, "person:x", T0, Map.of("k", "v"));
  }

  @Test
  @DisplayName("an update ignores the timeline it is given and returns the stored one")
  void updateIgnoresGivenTimeline() {
    AccessRecord a = insert("a");
    AccessRecord b = insert("b");
    List<EvidenceEvent> foreign = b.timeline();
    AccessRecord withForeign = a.toBuilder().timeline(foreign).build();
    AccessRecord updated = store.update(withForeign, List.of(draft(a, EvidenceType.APPROVED)));
    assertThat(updated.timeline()).extracting(EvidenceEvent::recordId).containsOnly(a.id().value());
    assertThat(updated.timeline()).extracting(EvidenceEvent::seq).containsExactly(1L, 3L);

    AccessRecord withNone = updated.toBuilder().timeline(List.of()).build();
    AccessRecord again = store.update(withNone, List.of());
    assertThat(again.timeline()).isEqualTo(updated.timeline());
    assertThat(store.find(a.id())).contains(again);
  }

  @Test
  @DisplayName("instants keep their nanoseconds and an active record's end is in the expiry index")
  void exactInstants() {
    AccessRecord a = insert("a");
    AccessRecord active = store.update(a.toBuilder().state(RecordState.ACTIVE).build(), List.of());
    assertThat(store.find(a.id()).orElseThrow().requestedAt()).isEqualTo(T0);
    assertThat(store.dueForExpiry(T0, 10)).containsExactly(active);
    assertThat(store.dueForExpiry(T0.minusNanos(1), 10)).isEmpty();
  }

  @Test
  @DisplayName("a store whose events predate the Merkle tree builds it on its next append")
  void treeCatchesUp() throws Exception {
    for (int i = 0; i < 11; i++) {
      insert("early" + i);
    }
    store.close();
    // As after the V5 migration of a store with events: no tree yet.
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve(AccessStores.EMBEDDED_FILE));
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("DELETE FROM ag_tree_node");
      st.executeUpdate("UPDATE ag_chain_head SET tree_size = 0, tree_edge = ''");
    }
    store = AccessStores.embedded(dir);

    insert("late");

    List<EvidenceEvent> all = store.evidence(1, 100);
    assertThat(all).hasSize(12);
    dev.accessgov.evidence.LogTree expected = dev.accessgov.evidence.LogTree.empty();
    all.forEach(e -> expected.append(dev.accessgov.evidence.Merkle.leafHash(e)));
    assertThat(dev.accessgov.evidence.LogProofs.root(12, store.evidenceTree()))
        .isEqualTo(expected.root());
    assertThat(
            dev.accessgov.evidence.LogProofs.inclusion(3, 12, store.evidenceTree())
                .verify(dev.accessgov.evidence.Merkle.leafHash(all.get(3)), expected.root()))
        .isTrue();
  }

  @Test
  @DisplayName("a tree stored before migration V6 (keyed by level and index) proves the same after")
  void treeThroughV6() throws Exception {
    for (int i = 0; i < 13; i++) {
      insert("before" + i);
    }
    List<EvidenceEvent> all = store.evidence(1, 100);
    byte[] root = dev.accessgov.evidence.LogProofs.root(13, store.evidenceTree());
    store.close();
    // Back to the V5 layout, with V6, V7 and V8 not yet applied.
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve(AccessStores.EMBEDDED_FILE));
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate(
          "CREATE TABLE ag_tree_node_v5 (level SMALLINT NOT NULL, idx BIGINT NOT NULL,"
              + " hash BLOB NOT NULL, PRIMARY KEY (level, idx))");
      st.executeUpdate(
          "INSERT INTO ag_tree_node_v5 SELECT node >> 56, node & 72057594037927935, hash"
              + " FROM ag_tree_node");
      st.executeUpdate("DROP TABLE ag_tree_node");
      st.executeUpdate("ALTER TABLE ag_tree_node_v5 RENAME TO ag_tree_node");
      // V7 and V8 came after: undone too, so that V6, V7 and V8 apply again in order.
      st.executeUpdate("DROP TABLE ag_directory_state");
      st.executeUpdate("ALTER TABLE ag_review_item DROP COLUMN unmanaged");
      st.executeUpdate("DELETE FROM ag_schema_history WHERE version IN ('6', '7', '8')");
    }

    store = AccessStores.embedded(dir);

    assertThat(dev.accessgov.evidence.LogProofs.root(13, store.evidenceTree())).isEqualTo(root);
    for (int i = 0; i < 13; i++) {
      assertThat(
              dev.accessgov.evidence.LogProofs.inclusion(i, 13, store.evidenceTree())
                  .verify(dev.accessgov.evidence.Merkle.leafHash(all.get(i)), root))
          .as("leaf %d", i)
          .isTrue();
    }
  }

  private static dev.accessgov.review.ReviewItem item(
      dev.accessgov.review.CampaignId c, int n, boolean unmanaged) {
    PersonId reviewer = PersonId.of("rev");
    return new dev.accessgov.review.ReviewItem(
        c.item(n),
        PersonId.of("p" + n + "@contractor.io"),
        "app",
        RoleId.of("app/user"),
        dev.accessgov.policy.RiskTier.STANDARD,
        dev.accessgov.catalog.GroupRef.of("okta", "g"),
        "00u" + n,
        null,
        null,
        dev.accessgov.spi.LastLogin.never(),
        null,
        true,
        new dev.accessgov.review.Recommendation(dev.accessgov.review.Verdict.REVOKE, "unexplained"),
        reviewer,
        reviewer,
        false,
        null,
        unmanaged);
  }

  private String storedSpec(dev.accessgov.review.CampaignId id) throws Exception {
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve(AccessStores.EMBEDDED_FILE));
        java.sql.PreparedStatement ps =
            c.prepareStatement("SELECT spec FROM ag_campaign WHERE id = ?")) {
      ps.setString(1, id.value());
      try (java.sql.ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    }
  }

  @Test
  @DisplayName(
      "a spec requiring explicit decisions on unmanaged items is stored as format 2, others as 1")
  void specFormats() throws Exception {
    dev.accessgov.review.CampaignSpec plain =
        dev.accessgov.review.CampaignSpec.builder("q1", "owner").build();
    dev.accessgov.review.CampaignSpec explicit =
        dev.accessgov.review.CampaignSpec.builder("q1", "owner")
            .explicitDecisionOnUnmanaged(true)
            .build();
    var a = dev.accessgov.review.CampaignId.random();
    var b = dev.accessgov.review.CampaignId.random();
    for (var each : List.of(Map.entry(a, plain), Map.entry(b, explicit))) {
      store
          .governance()
          .createCampaign(
              new dev.accessgov.review.ReviewCampaign(
                  each.getKey(),
                  each.getValue(),
                  dev.accessgov.review.CampaignStatus.STARTING,
                  T0,
                  T0.plusSeconds(3600),
                  0,
                  0,
                  null));
    }
    // An older reader, which cannot honour the option, refuses format 2 rather than ignore it.
    assertThat(storedSpec(a)).contains("\"format\":1").doesNotContain("Unmanaged");
    assertThat(storedSpec(b)).contains("\"format\":2", "\"explicitDecisionOnUnmanaged\":true");
    assertThat(store.governance().campaign(a).orElseThrow().spec()).isEqualTo(plain);
    assertThat(store.governance().campaign(b).orElseThrow().spec()).isEqualTo(explicit);
  }

  @Test
  @DisplayName("review items stored before migration V8 read back as not unmanaged")
  void itemsThroughV8() throws Exception {
    var id = dev.accessgov.review.CampaignId.random();
    store
        .governance()
        .createCampaign(
            new dev.accessgov.review.ReviewCampaign(
                id,
                dev.accessgov.review.CampaignSpec.builder("q1", "owner").build(),
                dev.accessgov.review.CampaignStatus.STARTING,
                T0,
                T0.plusSeconds(3600),
                0,
                0,
                null));
    store.governance().addItems(List.of(item(id, 1, true), item(id, 2, false)));
    assertThat(store.governance().item(id.item(1)).orElseThrow().unmanaged()).isTrue();
    store.close();
    // Back to the V7 layout, with V8 not yet applied.
    try (java.sql.Connection c =
            java.sql.DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve(AccessStores.EMBEDDED_FILE));
        java.sql.Statement st = c.createStatement()) {
      st.executeUpdate("ALTER TABLE ag_review_item DROP COLUMN unmanaged");
      st.executeUpdate("DELETE FROM ag_schema_history WHERE version = '8'");
    }

    store = AccessStores.embedded(dir);

    assertThat(store.governance().items(id, 0, 10))
        .extracting(dev.accessgov.review.ReviewItem::unmanaged)
        .containsExactly(false, false);
    store.governance().addItems(List.of(item(id, 3, true)));
    assertThat(store.governance().item(id.item(3)).orElseThrow().unmanaged()).isTrue();
  }
}
