package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sigstore.merkle.InclusionProofVerificationException;
import dev.sigstore.merkle.InclusionProofVerifier;
import dev.sigstore.rekor.client.Checkpoints;
import dev.sigstore.rekor.client.RekorEntry;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Our checkpoints and proofs read by an implementation nobody on this project wrote: sigstore-java
 * 2.0.0, the Java client of Sigstore's Rekor transparency log. Its C2SP checkpoint parser reads our
 * notes, and its RFC 6962 inclusion-proof verifier accepts our proofs and refuses altered ones.
 */
@DisplayName("sigstore-java reads our checkpoints and verifies our inclusion proofs")
class SigstoreInteropTest {
  private static final List<EvidenceEvent> EVENTS = SampleChain.events();

  @Test
  @DisplayName("its checkpoint parser reads origin, size, root, signed text and key ID")
  void checkpointParses() throws Exception {
    Checkpoint ours = SampleChain.checkpoints(EVENTS).get(2);

    RekorEntry.Checkpoint theirs = Checkpoints.from(ours.note());

    assertThat(theirs.getOrigin()).isEqualTo("example.com/test-log");
    assertThat(theirs.getSize()).isEqualTo(12L);
    assertThat(theirs.getBase64Hash()).isEqualTo(ours.rootHash());
    assertThat(theirs.getSignedData()).isEqualTo(ours.body());
    assertThat(theirs.getSignatures()).hasSize(1);
    RekorEntry.CheckpointSignature signature = theirs.getSignatures().get(0);
    assertThat(signature.getIdentity()).isEqualTo("example.com/test-log");
    int keyHint = ByteBuffer.wrap(signature.getKeyHint()).getInt();
    assertThat(keyHint).isEqualTo(SampleChain.SIGNER.noteKey().keyId());
    Signature ed25519 = Signature.getInstance("Ed25519");
    ed25519.initVerify(SampleChain.SIGNER.publicKey());
    ed25519.update(theirs.getSignedData().getBytes(StandardCharsets.UTF_8));
    assertThat(ed25519.verify(signature.getSignature()))
        .as("the signature over the text their parser separated")
        .isTrue();
  }

  @Test
  @DisplayName("its verifier accepts the proof of every event under every tree size")
  void inclusionProofsVerify() throws Exception {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    LogTree tree = LogTree.empty();
    List<byte[]> roots = new ArrayList<>();
    for (EvidenceEvent event : EVENTS) {
      tree.append(Merkle.leafHash(event), nodes);
      roots.add(tree.root());
    }
    for (int size = 1; size <= EVENTS.size(); size++) {
      for (int index = 0; index < size; index++) {
        InclusionProof proof = LogProofs.inclusion(index, size, nodes);
        InclusionProofVerifier.verify(
            Merkle.leafHash(EVENTS.get(index)), index, size, proof.path(), roots.get(size - 1));
      }
    }
  }

  @Test
  @DisplayName("its verifier refuses our proof for another event or with a changed hash")
  void alteredProofsFail() {
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    LogTree tree = LogTree.empty();
    EVENTS.forEach(e -> tree.append(Merkle.leafHash(e), nodes));
    InclusionProof proof = LogProofs.inclusion(5, EVENTS.size(), nodes);
    byte[] root = tree.root();

    assertThatThrownBy(
            () ->
                InclusionProofVerifier.verify(
                    Merkle.leafHash(EVENTS.get(6)), 5, EVENTS.size(), proof.path(), root))
        .isInstanceOf(InclusionProofVerificationException.class);
    List<byte[]> changed = new ArrayList<>(proof.path());
    byte[] flipped = Arrays.copyOf(changed.get(1), 32);
    flipped[0] ^= 1;
    changed.set(1, flipped);
    assertThatThrownBy(
            () ->
                InclusionProofVerifier.verify(
                    Merkle.leafHash(EVENTS.get(5)), 5, EVENTS.size(), changed, root))
        .isInstanceOf(InclusionProofVerificationException.class);
    assertThat(Base64.getEncoder().encodeToString(root))
        .isEqualTo(SampleChain.checkpoints(EVENTS).get(2).rootHash());
  }
}
