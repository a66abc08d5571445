package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The verifier hashes each event once serialized: the line for the leaf, and the line without its
 * hash member for the chain hash. Both must be exactly what the separate serializations give, for
 * intact events and for every kind of altered one (a wrong or malformed claimed hash included).
 */
@DisplayName("one serialization per event gives the body hash and the leaf hash")
class OneSerializationTest {
  @Test
  @DisplayName("for the sample chain and every mutation of each event")
  void sameAsSeparate() {
    List<EvidenceEvent> events = new ArrayList<>(SampleChain.events());
    for (EvidenceEvent e : SampleChain.events()) {
      EventMutations.of(e).forEach(m -> events.add(m.mutated()));
    }
    assertThat(events).hasSizeGreaterThan(50);
    for (EvidenceEvent e : events) {
      int[] span = new int[2];
      CanonicalBuffer line = CanonicalJson.writeEventLine(e, span);
      String body = EvidenceHasher.bodyHashOfLine(line, span);
      byte[] leaf = Merkle.leafHash(line.array(), 0, line.size());

      assertThat(body).as("%s", e).isEqualTo(EvidenceHasher.hashOf(e));
      assertThat(leaf).as("%s", e).isEqualTo(Merkle.leafHash(e));
    }
  }
}
