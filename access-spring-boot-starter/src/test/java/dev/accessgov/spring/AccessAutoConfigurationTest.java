package dev.accessgov.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessRuntime;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.entra.EntraIdentityProvider;
import dev.accessgov.google.GoogleIdentityProvider;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.okta.OktaIdentityProvider;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spring.app.TestCatalog;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@DisplayName("The auto-configuration")
class AccessAutoConfigurationTest {
  @TempDir Path dir;

  private ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(AccessAutoConfiguration.class))
        .withPropertyValues(
            "access.providers.in-memory.okta.users=bob",
            "access.providers.in-memory.okta.groups=gh-read",
            "access.people.bob.manager=carol");
  }

  private ApplicationContextRunner withCatalog() {
    return runner().withBean(Catalog.class, TestCatalog::catalog);
  }

  @Nested
  @DisplayName("from properties")
  class FromProperties {
    @Test
    @DisplayName("sets the verified domains that unmanaged accounts are judged against")
    void verifiedDomains() {
      withCatalog()
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.verified-domains=acme.com,acme.co.uk",
              "access.verified-domains-with-subdomains=acme.io")
          .run(
              context ->
                  assertThat(context.getBean(AccessService.class).verifiedDomains())
                      .isEqualTo(
                          dev.accessgov.policy.VerifiedDomains.of("acme.com", "acme.co.uk")
                              .withSubdomainsOf("acme.io")));
    }

    @Test
    @DisplayName("builds and starts the runtime on an embedded store with its scheduler")
    void startsEmbedded() {
      withCatalog()
          .withPropertyValues("access.store.path=" + dir)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context).hasSingleBean(AccessRuntime.class);
                assertThat(context).hasSingleBean(AccessService.class);
                AccessRuntime runtime = context.getBean(AccessRuntime.class);
                assertThat(runtime.status().backgroundRunning()).isTrue();
                assertThat(context.getBean(AccessService.class)).isSameAs(runtime.service());
              });
    }

    @Test
    @DisplayName("closes the runtime with the context, releasing the embedded store's lock")
    void closesWithContext() {
      AtomicReference<AccessRuntime> runtime = new AtomicReference<>();
      withCatalog()
          .withPropertyValues("access.store.path=" + dir)
          .run(context -> runtime.set(context.getBean(AccessRuntime.class)));
      assertThat(runtime.get().status().backgroundRunning()).isFalse();
      // Only one process (and one open store) may hold the directory: reopening proves release.
      AccessStores.embedded(dir).close();
    }

    @Test
    @DisplayName("signs checkpoints with the key in access.evidence.signing-key")
    void signs() {
      Path key = dir.resolve("keys/checkpoint.pem");
      withCatalog()
          .withPropertyValues(
              "access.store.path=" + dir.resolve("store"),
              "access.evidence.signing-key=" + key,
              "access.evidence.create-key=true",
              "access.evidence.checkpoint-dir=" + dir.resolve("checkpoints"))
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                AccessRuntime runtime = context.getBean(AccessRuntime.class);
                assertThat(runtime.service().evidence().signs()).isTrue();
                runtime.service().evidence().checkpoint();
                assertThat(runtime.status().lastCheckpointAge()).isNotNull();
              });
      assertThat(key).exists();
      assertThat(dir.resolve("checkpoints")).isNotEmptyDirectory();
    }

    @Test
    @DisplayName("tells the application's observers each event, inside the record's MDC")
    void observersSeeMdc() {
      java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
      AccessObserver observer =
          new AccessObserver() {
            @Override
            public void provisioned(AccessRecord record, java.time.Duration sinceApproval) {
              seen.add(record.id().value() + "=" + org.slf4j.MDC.get("access.record"));
            }
          };
      withCatalog()
          .withPropertyValues("access.store.type=memory", "access.scheduler.enabled=false")
          .withBean("recordingObserver", AccessObserver.class, () -> observer)
          .run(
              context -> {
                AccessRecord record =
                    context
                        .getBean(AccessService.class)
                        .grant(
                            GrantRequest.builder()
                                .subject("bob")
                                .requester("bob")
                                .role("github/read")
                                .reason("test")
                                .build());
                assertThat(seen).containsExactly(record.id().value() + "=" + record.id().value());
              });
    }

    @Test
    @DisplayName("reads the catalog from access.catalog-file")
    void catalogFile() throws Exception {
      Path file = dir.resolve("catalog.yaml");
      try (var in = getClass().getResourceAsStream("/test-catalog.yaml")) {
        java.nio.file.Files.copy(in, file);
      }
      runner()
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.catalog-file=" + file)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(AccessRuntime.class).catalog().roles())
                    .extracting(r -> r.id().value())
                    .containsExactly("github/read");
              });
    }

    @Test
    @DisplayName("keeps records in memory without a scheduler when told to")
    void memoryStore() {
      withCatalog()
          .withPropertyValues("access.store.type=memory", "access.scheduler.enabled=false")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(AccessStore.class))
                    .isInstanceOf(InMemoryAccessStore.class);
                assertThat(context.getBean(AccessRuntime.class).status().backgroundConfigured())
                    .isFalse();
              });
    }

    @Test
    @DisplayName("builds an Okta provider from its org URL and a token, without logging the token")
    void okta() {
      withCatalog()
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.providers.okta.id=okta-live",
              "access.providers.okta.org-url=https://example.okta.com",
              "access.providers.okta.api-token=token-value-never-shown")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(OktaIdentityProvider.class).id()).isEqualTo("okta-live");
                assertThat(context.getBeansOfType(IdentityProvider.class)).hasSize(2);
                assertThat(context.getBean(AccessProperties.class).toString())
                    .doesNotContain("token-value-never-shown");
              });
    }

    @Test
    @DisplayName("builds an Entra provider from its tenant, client id and secret")
    void entra() {
      withCatalog()
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.providers.entra.id=entra-live",
              "access.providers.entra.tenant-id=72f988bf-86f1-41af-91ab-2d7cd011db47",
              "access.providers.entra.client-id=00000000-0000-0000-0000-0000000000aa",
              "access.providers.entra.client-secret=secret-value-never-shown")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(EntraIdentityProvider.class).id())
                    .isEqualTo("entra-live");
                assertThat(context.getBean(AccessProperties.class).toString())
                    .doesNotContain("secret-value-never-shown");
              });
    }

    @Test
    @DisplayName("builds a Google provider from a delegated admin and a service account key")
    void google() throws Exception {
      String key = serviceAccountKey();
      withCatalog()
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.providers.google.id=google-live",
              "access.providers.google.delegated-admin=admin@example.com")
          .withSystemProperties("access.providers.google.service-account-key=" + key)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(GoogleIdentityProvider.class).id())
                    .isEqualTo("google-live");
                assertThat(context.getBean(AccessProperties.class).toString())
                    .doesNotContain("PRIVATE KEY");
              });
    }
  }

  @Nested
  @DisplayName("fails at start-up, naming what to set,")
  class Failures {
    @Test
    @DisplayName("without access.store.path for the embedded store")
    void noStorePath() {
      withCatalog().run(context -> assertFailure(context, "access.store.path"));
    }

    @Test
    @DisplayName("without a catalog")
    void noCatalog() {
      runner()
          .withPropertyValues("access.store.path=" + dir)
          .run(context -> assertFailure(context, "access.catalog-file"));
    }

    @Test
    @DisplayName("without an identity provider")
    void noProvider() {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(AccessAutoConfiguration.class))
          .withBean(Catalog.class, TestCatalog::catalog)
          .withPropertyValues("access.store.path=" + dir)
          .run(context -> assertFailure(context, "access.providers"));
      // The store opened before the refusal was closed: its directory can be opened again.
      AccessStores.embedded(dir).close();
    }

    @Test
    @DisplayName("with a scheduler on the memory store")
    void schedulerOnMemory() {
      withCatalog()
          .withPropertyValues("access.store.type=memory")
          .run(context -> assertFailure(context, "access.scheduler.enabled=false"));
    }

    @Test
    @DisplayName("with a mistake in the catalog file, at its line")
    void badCatalogFile() throws Exception {
      Path file = dir.resolve("catalog.yaml");
      java.nio.file.Files.writeString(
          file, "applications:\n  - id: github\n    owner: carol\n    rolez: []\n");
      runner()
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.catalog-file=" + file)
          .run(context -> assertFailure(context, "catalog.yaml:4"));
    }

    @Test
    @DisplayName("with a signing key file that does not exist")
    void noSigningKey() {
      withCatalog()
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.evidence.signing-key=" + dir.resolve("missing.pem"))
          .run(context -> assertFailure(context, "access.evidence.create-key=true"));
    }

    @Test
    @DisplayName("with access.store.type=datasource and no DataSource")
    void noDataSource() {
      withCatalog()
          .withPropertyValues("access.store.type=datasource")
          .run(context -> assertFailure(context, "spring.datasource"));
    }

    @Test
    @DisplayName("with an Okta org URL and no credential, without echoing other settings")
    void oktaWithoutCredential() {
      withCatalog()
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.providers.okta.org-url=https://example.okta.com",
              "access.providers.okta.private-key=key-value-never-shown")
          .run(
              context -> {
                assertFailure(context, "access.providers.okta.api-token");
                assertThat(context.getStartupFailure()).hasStackTraceContaining("ACCESS_PROVIDERS");
                assertThat(stackTrace(context.getStartupFailure()))
                    .doesNotContain("key-value-never-shown");
              });
    }

    @Test
    @DisplayName("a wildcard verified domain stops start-up, naming the property")
    void badVerifiedDomain() {
      withCatalog()
          .withPropertyValues(
              "access.store.type=memory",
              "access.scheduler.enabled=false",
              "access.verified-domains=*.acme.com")
          .run(context -> assertFailure(context, "access.verified-domains: "));
    }

    private static void assertFailure(
        org.springframework.boot.test.context.assertj.AssertableApplicationContext context,
        String property) {
      assertThat(context).hasFailed();
      Throwable failure = context.getStartupFailure();
      assertThat(failure).hasRootCauseInstanceOf(AccessConfigurationException.class);
      FailureAnalysis analysis = new AccessConfigurationFailureAnalyzer().analyze(failure);
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription()).contains(property);
    }

    private static String stackTrace(Throwable t) {
      java.io.StringWriter out = new java.io.StringWriter();
      t.printStackTrace(new java.io.PrintWriter(out));
      return out.toString();
    }
  }

  @Nested
  @DisplayName("backs off")
  class BacksOff {
    @Test
    @DisplayName("for the application's people directory and store")
    void applicationBeans() {
      InMemoryPeopleDirectory people = new InMemoryPeopleDirectory().add("bob", null);
      InMemoryAccessStore store = new InMemoryAccessStore();
      withCatalog()
          .withPropertyValues("access.scheduler.enabled=false")
          .withBean(PeopleDirectory.class, () -> people)
          .withBean(AccessStore.class, () -> store)
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(PeopleDirectory.class)).isSameAs(people);
                assertThat(context.getBean(AccessStore.class)).isSameAs(store);
              });
    }

    @Test
    @DisplayName("for the application's own runtime")
    void applicationRuntime() {
      withCatalog()
          .withUserConfiguration(OwnRuntime.class)
          .withPropertyValues("access.store.type=memory", "access.scheduler.enabled=false")
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(AccessRuntime.class))
                    .isSameAs(context.getBean("ownRuntime"));
              });
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnRuntime {
    @Bean(destroyMethod = "close")
    AccessRuntime ownRuntime(Catalog catalog) {
      return AccessRuntime.builder(
              AccessService.builder()
                  .catalog(catalog)
                  .peopleDirectory(new InMemoryPeopleDirectory())
                  .identityProvider(
                      new dev.accessgov.inmemory.InMemoryIdentityProvider(
                          "okta", java.time.Clock.systemUTC())))
          .start();
    }
  }

  /** A service account key file's JSON, with a fresh RSA key (never used to call Google). */
  private static String serviceAccountKey() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String pem =
        "-----BEGIN PRIVATE KEY-----\n"
            + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
            + "\n-----END PRIVATE KEY-----\n";
    return new ObjectMapper()
        .writeValueAsString(
            Map.of(
                "type", "service_account",
                "project_id", "starter-test",
                "private_key_id", "0123456789abcdef0123456789abcdef01234567",
                "private_key", pem,
                "client_email", "access@starter-test.iam.gserviceaccount.com",
                "client_id", "109876543210987654321",
                "token_uri", "https://oauth2.googleapis.com/token"));
  }
}
