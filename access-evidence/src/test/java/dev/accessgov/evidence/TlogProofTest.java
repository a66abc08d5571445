package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("C2SP tlog-proof files")
class TlogProofTest {
  private static final List<EvidenceEvent> EVENTS = SampleChain.events();
  private static final Checkpoint TWELVE = SampleChain.checkpoints(EVENTS).get(2);

  private static TlogProof proofOf(int index) {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    LogTree tree = LogTree.empty();
    EVENTS.forEach(e -> tree.append(Merkle.leafHash(e), nodes));
    return TlogProof.of(LogProofs.inclusion(index, 12, nodes), TWELVE);
  }

  @Test
  @DisplayName("read back, and prove their event under a trusted checkpoint, and no other event")
  void roundTrip() {
    for (int i = 0; i < EVENTS.size(); i++) {
      TlogProof proof = proofOf(i);
      String text = proof.text();

      assertThat(text).startsWith("c2sp.org/tlog-proof@v1\nindex " + i + "\n");
      assertThat(text).endsWith("\n\n" + TWELVE.note());
      TlogProof read = TlogProof.parse(text);
      assertThat(read).isEqualTo(proof);
      List<java.security.PublicKey> key = List.of(SampleChain.SIGNER.publicKey());
      assertThat(read.verify(Merkle.leafHash(EVENTS.get(i)), key)).isTrue();
      assertThat(read.verify(Merkle.leafHash(EVENTS.get((i + 1) % 12)), key)).isFalse();
      assertThat(
              read.verify(
                  Merkle.leafHash(EVENTS.get(i)),
                  List.of(CheckpointSigner.generate("x").publicKey())))
          .as("a checkpoint no trusted key signed")
          .isFalse();
    }
  }

  @Test
  @DisplayName("refuse another form, and a proof outside the checkpoint's tree")
  void strict() {
    String text = proofOf(3).text();

    assertThatThrownBy(() -> TlogProof.parse(text.replace("index 3", "index 03")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlogProof.parse(text.replace("\n\n", "\n")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TlogProof.parse(text.replace("index 3", "index 12")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not in the checkpoint");
  }
}
