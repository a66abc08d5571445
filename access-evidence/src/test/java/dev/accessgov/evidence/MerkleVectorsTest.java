package dev.accessgov.evidence;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Our tree against hashes and proofs we did not compute: the reference tree of transparency-dev's
 * {@code testonly} package (eight leaves, every node and root) and all 196 proof vectors its
 * verifier is tested with, 98 each for inclusion and consistency (see {@code
 * vectors/transparency-dev-merkle/README.md}).
 */
@DisplayName("the Merkle log agrees with the published RFC 6962 test vectors")
class MerkleVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HexFormat HEX = HexFormat.of();

  /** transparency-dev/merkle testonly.LeafInputs(). */
  private static final List<String> LEAVES =
      List.of(
          "",
          "00",
          "10",
          "2021",
          "3031",
          "40414243",
          "5051525354555657",
          "606162636465666768696a6b6c6d6e6f");

  /** transparency-dev/merkle testonly.RootHashes(), by tree size from 0. */
  private static final List<String> ROOTS =
      List.of(
          "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
          "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
          "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
          "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
          "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
          "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
          "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
          "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
          "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328");

  /** transparency-dev/merkle testonly.NodeHashes(): level, then index. */
  private static final List<List<String>> NODES =
      List.of(
          List.of(
              "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
              "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
              "0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7",
              "07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7",
              "bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b",
              "4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658",
              "b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f",
              "46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1"),
          List.of(
              "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
              "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
              "0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a",
              "ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0"),
          List.of(
              "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
              "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4"),
          List.of("5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328"));

  /** The reference tree, grown one leaf at a time, with every node it completed kept. */
  private static InMemoryTreeNodes referenceNodes(List<String> rootsSeen) {
    LogTree tree = LogTree.empty();
    InMemoryTreeNodes nodes = new InMemoryTreeNodes();
    rootsSeen.add(HEX.formatHex(tree.root()));
    for (String leaf : LEAVES) {
      tree.append(Merkle.leafHash(HEX.parseHex(leaf)), nodes);
      rootsSeen.add(HEX.formatHex(tree.root()));
    }
    return nodes;
  }

  @Test
  @DisplayName("every root while growing, every node, and roots read back from stored nodes")
  void referenceTree() {
    List<String> roots = new ArrayList<>();
    InMemoryTreeNodes nodes = referenceNodes(roots);
    assertThat(roots).isEqualTo(ROOTS);
    for (int level = 0; level < NODES.size(); level++) {
      for (int index = 0; index < NODES.get(level).size(); index++) {
        byte[] stored = nodes.hashes(List.of(new Subtree(level, index))).get(0);
        assertThat(HEX.formatHex(stored)).isEqualTo(NODES.get(level).get(index));
      }
    }
    for (int size = 0; size <= LEAVES.size(); size++) {
      assertThat(HEX.formatHex(LogProofs.root(size, nodes))).isEqualTo(ROOTS.get(size));
      LogTree resumed = LogTree.of(size, nodes);
      assertThat(HEX.formatHex(resumed.root())).isEqualTo(ROOTS.get(size));
    }
  }

  @TestFactory
  @DisplayName("inclusion vectors: verdicts match, and our proofs equal every happy path")
  Stream<DynamicTest> inclusion() {
    InMemoryTreeNodes nodes = referenceNodes(new ArrayList<>());
    return vectors("inclusion")
        .map(
            file ->
                DynamicTest.dynamicTest(
                    name(file),
                    () -> {
                      JsonNode v = read(file);
                      long index = v.get("leafIdx").asLong();
                      long size = v.get("treeSize").asLong();
                      List<byte[]> proof = hashes(v.get("proof"));
                      boolean ok =
                          Merkle.verifyInclusion(
                              index, size, bytes(v.get("leafHash")), proof, bytes(v.get("root")));
                      assertThat(ok).as(v.get("desc").asText()).isEqualTo(!wantErr(v));
                      if (isReferenceHappyPath(file, v) && size <= LEAVES.size()) {
                        assertThat(LogProofs.inclusion(index, size, nodes).base64Path())
                            .isEqualTo(base64(proof));
                      }
                    }));
  }

  @TestFactory
  @DisplayName("consistency vectors: verdicts match, and our proofs equal every happy path")
  Stream<DynamicTest> consistency() {
    InMemoryTreeNodes nodes = referenceNodes(new ArrayList<>());
    return vectors("consistency")
        .map(
            file ->
                DynamicTest.dynamicTest(
                    name(file),
                    () -> {
                      JsonNode v = read(file);
                      long size1 = v.get("size1").asLong();
                      long size2 = v.get("size2").asLong();
                      List<byte[]> proof = hashes(v.get("proof"));
                      boolean ok =
                          Merkle.verifyConsistency(
                              size1, size2, bytes(v.get("root1")), bytes(v.get("root2")), proof);
                      assertThat(ok).as(v.get("desc").asText()).isEqualTo(!wantErr(v));
                      if (isReferenceHappyPath(file, v) && size2 <= LEAVES.size()) {
                        assertThat(LogProofs.consistency(size1, size2, nodes).base64Path())
                            .isEqualTo(base64(proof));
                      }
                    }));
  }

  private static boolean isReferenceHappyPath(Path file, JsonNode v) {
    return file.getFileName().toString().equals("happy-path.json") && !wantErr(v);
  }

  private static boolean wantErr(JsonNode v) {
    return v.get("wantErr").asBoolean();
  }

  private static Stream<Path> vectors(String kind) {
    try {
      Path root =
          Path.of(MerkleVectorsTest.class.getResource("/vectors/transparency-dev-merkle").toURI())
              .resolve(kind);
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(f -> f.toString().endsWith(".json")).sorted().toList();
      }
      assertThat(files).as("vectors under " + root).hasSizeGreaterThan(90);
      return files.stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String name(Path file) {
    return file.getParent().getFileName() + "/" + file.getFileName();
  }

  private static JsonNode read(Path file) throws IOException {
    return JSON.readTree(file.toFile());
  }

  private static byte[] bytes(JsonNode node) {
    return node == null || node.isNull() ? new byte[0] : Base64.getDecoder().decode(node.asText());
  }

  private static List<byte[]> hashes(JsonNode node) {
    List<byte[]> hashes = new ArrayList<>();
    if (node != null && !node.isNull()) {
      node.forEach(h -> hashes.add(bytes(h)));
    }
    return hashes;
  }

  private static List<String> base64(List<byte[]> hashes) {
    return hashes.stream().map(Base64.getEncoder()::encodeToString).toList();
  }
}
