package dev.accessgov.jdbc.crash;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.accessgov.AccessService;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.BirthrightRule;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.ExpiryPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The world of the crash harness: two roles on two groups of one identity provider — {@code
 * ops/deploy} approved automatically, {@code ops/admin} approved by the manager — both lasting
 * between a minute and a day; people {@code user-0} .. {@code user-(n-1)}, their manager {@code
 * alice}, the application owner {@code olivia}. Everyone gets {@code ops/deploy} by birthright when
 * onboarded (for its default hour).
 */
final class CrashWorld {
  static final String IDP = "idp";
  static final String DEPLOY = "ops/deploy";
  static final String ADMIN = "ops/admin";
  static final List<String> ROLES = List.of(DEPLOY, ADMIN);
  static final int PEOPLE = 40;

  private CrashWorld() {}

  /** The group a role maps to. */
  static String group(String role) {
    return role.equals(DEPLOY) ? "deployers" : "admins";
  }

  /** Who may extend a record of the role: the owner for the automatic role, else the manager. */
  static String extender(String role) {
    return role.equals(DEPLOY) ? "olivia" : "alice";
  }

  /** A store and what must be closed with it. */
  record Opened(JdbcAccessStore store, AutoCloseable pool) implements AutoCloseable {
    @Override
    public void close() throws Exception {
      store.close();
      pool.close();
    }
  }

  /**
   * Opens the store of the given kind in {@code dir}, as an application would: {@code embedded} is
   * {@link AccessStores#embedded}; {@code h2} is the H2 file the embedded store used to be (same
   * URL and pool settings), kept to compare the two engines under the same kills; {@code h2-append}
   * the same without reuse of file space.
   */
  static Opened open(String kind, Path dir) {
    return switch (kind) {
      case "embedded" -> new Opened(AccessStores.embedded(dir), () -> {});
      case "h2", "h2-append" -> {
        // h2-append: H2 never reuses file space, so every chunk goes to the end of the file: the
        // experiment that tells whether H2's recovery misses chunks written into reused space.
        String extra = kind.equals("h2-append") ? ";REUSE_SPACE=FALSE" : "";
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl("jdbc:h2:file:" + dir.resolve("access") + ";WRITE_DELAY=0" + extra);
        config.setUsername("sa");
        config.setMaximumPoolSize(8);
        HikariDataSource pool = new HikariDataSource(config);
        yield new Opened(AccessStores.jdbc(pool), pool);
      }
      default -> throw new IllegalArgumentException("unknown store kind " + kind);
    };
  }

  static AccessService service(JdbcAccessStore store, HttpIdentityProvider idp, Clock clock) {
    InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
    people.add("alice", null).add("olivia", null);
    for (int i = 0; i < PEOPLE; i++) {
      people.add("user-" + i, "alice");
    }
    ExpiryPolicy window = ExpiryPolicy.required(Duration.ofMinutes(1), Duration.ofDays(1));
    // A default, so that onboarding (which names no duration) may give it by birthright.
    ExpiryPolicy deployWindow =
        ExpiryPolicy.required(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(1));
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("ops")
                    .owner("olivia")
                    .role(
                        Role.builder(DEPLOY)
                            .group(IDP, group(DEPLOY))
                            .approval(ApprovalPolicy.automatic())
                            .expiry(deployWindow))
                    .role(
                        Role.builder(ADMIN)
                            .group(IDP, group(ADMIN))
                            .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                            .expiry(window)))
            .birthright(BirthrightRule.builder("everyone-deploys").role(DEPLOY).everyone())
            .build();
    return AccessService.builder()
        .catalog(catalog)
        .identityProvider(idp)
        .peopleDirectory(people)
        .store(store)
        .clock(clock)
        .build();
  }
}
