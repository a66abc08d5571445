package dev.accessgov.bench.jdbc;

import dev.accessgov.evidence.InclusionProof;
import dev.accessgov.evidence.LogProofs;
import dev.accessgov.evidence.LogTree;
import dev.accessgov.evidence.Merkle;
import dev.accessgov.evidence.Subtree;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 16: an inclusion proof read from the store at {@code leaves} events (target: under 10 ms at
 * 10 M on H2 and PostgreSQL). The tree's subtrees are written as a store's appends write them
 * ({@code ag_tree_node}, through {@link LogTree}), from synthetic leaf hashes: proofs read only the
 * tree, so the events themselves are not needed. Each invocation proves a random leaf under the
 * full tree through {@link LogProofs} and {@code AccessStore.evidenceTree()}, one query.
 *
 * <pre>
 * java -jar access-bench/target/benchmarks.jar InclusionProofBenchmark -p db=h2 -p leaves=10000000
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 5)
@Measurement(iterations = 3, time = 5)
@Fork(1)
public class InclusionProofBenchmark {
  /** {@code h2}, {@code embedded} or {@code postgres} (see {@link BenchDatabase}). */
  @Param({"h2"})
  public String db;

  /** How many events the tree has. */
  @Param({"10000000"})
  public long leaves;

  private BenchDatabase database;
  private byte[] root;
  private final SplittableRandom random = new SplittableRandom(16);

  /** Writes the tree of {@code leaves} synthetic leaves, 10,000 subtrees per batch. */
  @Setup(Level.Trial)
  public void seed() throws Exception {
    database = BenchDatabase.open(db);
    LogTree tree = LogTree.empty();
    try (Connection c = database.store().dataSource().getConnection()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO ag_tree_node (node, hash) VALUES (?, ?)")) {
        int[] batched = {0};
        for (long i = 0; i < leaves; i++) {
          byte[] leaf = Merkle.leafHash(ByteBuffer.allocate(8).putLong(i).array());
          tree.append(
              leaf,
              (Subtree s, byte[] hash) -> {
                try {
                  ps.setLong(1, ((long) s.level() << 56) | s.index());
                  ps.setBytes(2, hash);
                  ps.addBatch();
                  if (++batched[0] % 10_000 == 0) {
                    ps.executeBatch();
                    c.commit();
                  }
                } catch (java.sql.SQLException e) {
                  throw new IllegalStateException(e);
                }
              });
        }
        ps.executeBatch();
        c.commit();
      }
    }
    root = tree.root();
  }

  /** Deletes the database. */
  @TearDown(Level.Trial)
  public void close() throws Exception {
    database.close();
  }

  /** One proof of a random leaf under the full tree, checked against the root. */
  @Benchmark
  public InclusionProof proveRandomLeaf() {
    long index = random.nextLong(leaves);
    InclusionProof proof = LogProofs.inclusion(index, leaves, database.store().evidenceTree());
    byte[] leaf = Merkle.leafHash(ByteBuffer.allocate(8).putLong(index).array());
    if (!proof.verify(leaf, root)) {
      throw new IllegalStateException("the proof of leaf " + index + " does not verify");
    }
    return proof;
  }
}
