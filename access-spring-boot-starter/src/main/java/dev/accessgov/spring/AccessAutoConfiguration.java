package dev.accessgov.spring;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.AccessRuntime;
import dev.accessgov.AccessService;
import dev.accessgov.AccessServiceBuilder;
import dev.accessgov.UsageEvidence;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.CatalogFiles;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.jdbc.AccessScheduler;
import dev.accessgov.jdbc.AccessStores;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.CheckpointSink;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.Notifier;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.TicketingProvider;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * Builds the {@link AccessRuntime} from {@code access.*} properties and the application's beans,
 * starts it with the application context and closes it with it. Every bean backs off when the
 * application defines one of the same type: a {@link Catalog} (or {@code access.catalog-file}), a
 * {@link PeopleDirectory}, an {@link AccessStore}, a {@link CheckpointSigner} and {@link
 * CheckpointSink}, {@link IdentityProvider}s (beside those built from {@code access.providers.*}),
 * a {@link TicketingProvider}, a {@link Notifier}, a {@link Clock}, {@link AccessObserver}s, or the
 * {@link AccessRuntime} itself.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"
    })
@EnableConfigurationProperties(AccessProperties.class)
@Import({InMemoryProvidersRegistrar.class, VendorProvidersConfiguration.class})
public class AccessAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(AccessAutoConfiguration.class);

  /** Creates the auto-configuration; Spring calls it. */
  public AccessAutoConfiguration() {}

  /** The system clock in UTC, unless the application defines a {@link Clock}. */
  @Bean
  @ConditionalOnMissingBean
  public Clock accessClock() {
    return Clock.systemUTC();
  }

  /**
   * The catalog from {@code access.catalog-file} (YAML or JSON, see {@link CatalogFiles}), unless
   * the application defines a {@link Catalog} bean. A mistake in the file stops the start-up with
   * its line and column.
   */
  @Bean
  @ConditionalOnMissingBean
  public Catalog accessCatalog(AccessProperties properties) {
    Path file = properties.getCatalogFile();
    if (file == null) {
      throw new AccessConfigurationException(
          "no catalog: set access.catalog-file to a YAML or JSON catalog, or define a Catalog bean");
    }
    return CatalogFiles.load(file);
  }

  /**
   * An in-memory directory of the people in {@code access.people.*}, for development, unless the
   * application defines a {@link PeopleDirectory} (as production applications do, backed by their
   * HR system or identity provider).
   */
  @Bean
  @ConditionalOnMissingBean
  public PeopleDirectory accessPeopleDirectory(AccessProperties properties) {
    LOG.warn(
        "access: using an in-memory people directory from access.people.* ({} people); define a"
            + " PeopleDirectory bean for production",
        properties.getPeople().size());
    InMemoryPeopleDirectory people = new InMemoryPeopleDirectory();
    for (Map.Entry<String, AccessProperties.PersonProperties> p :
        properties.getPeople().entrySet()) {
      people.add(p.getKey(), p.getValue().getManager());
    }
    return people;
  }

  /**
   * The store {@code access.store.type} selects, unless the application defines an {@link
   * AccessStore}. The runtime owns it and closes it, so Spring does not.
   */
  @Bean(destroyMethod = "")
  @ConditionalOnMissingBean
  // The application's own schema migrations (Flyway, Liquibase, scripts) run first: Boot's
  // Flyway refuses a non-empty schema without its history table, which our tables would make.
  @DependsOnDatabaseInitialization
  public AccessStore accessStore(
      AccessProperties properties, ObjectProvider<DataSource> dataSource) {
    AccessProperties.Store store = properties.getStore();
    switch (store.getType()) {
      case EMBEDDED:
        Path path = store.getPath();
        if (path == null) {
          throw new AccessConfigurationException(
              "access.store.path is not set: give the embedded store's directory (e.g."
                  + " access.store.path=data/access), or set access.store.type=datasource to use"
                  + " the application's DataSource");
        }
        return AccessStores.embedded(path);
      case DATASOURCE:
        DataSource ds = dataSource.getIfUnique();
        if (ds == null) {
          throw new AccessConfigurationException(
              "access.store.type=datasource but the application has no single DataSource bean:"
                  + " configure spring.datasource.* (PostgreSQL or H2), or set"
                  + " access.store.type=embedded with access.store.path");
        }
        return AccessStores.jdbc(ds);
      case MEMORY:
        LOG.warn("access: records are kept in memory (access.store.type=memory) and lost at exit");
        return new InMemoryAccessStore();
      default:
        throw new AssertionError(store.getType());
    }
  }

  /**
   * The checkpoint signer for {@code access.evidence.signing-key}, unless the application defines a
   * {@link CheckpointSigner}.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "access.evidence", name = "signing-key")
  public CheckpointSigner accessCheckpointSigner(AccessProperties properties) {
    AccessProperties.Evidence evidence = properties.getEvidence();
    Path key = java.util.Objects.requireNonNull(evidence.getSigningKey(), "signing-key");
    try {
      return evidence.isCreateKey()
          ? CheckpointSigner.loadOrCreate(evidence.getOrigin(), key)
          : CheckpointSigner.fromPem(evidence.getOrigin(), key);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new AccessConfigurationException(
          "access.evidence.signing-key="
              + key
              + " cannot be used: "
              + e.getMessage()
              + "; give an Ed25519 PKCS#8 PEM private key (openssl genpkey -algorithm ed25519),"
              + " or set access.evidence.create-key=true to generate one there");
    }
  }

  /**
   * Publishes each checkpoint to {@code access.evidence.checkpoint-dir}, unless the application
   * defines a {@link CheckpointSink}.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "access.evidence", name = "checkpoint-dir")
  public CheckpointSink accessCheckpointSink(AccessProperties properties) {
    return CheckpointSink.directory(
        java.util.Objects.requireNonNull(
            properties.getEvidence().getCheckpointDir(), "checkpoint-dir"));
  }

  /**
   * The observers the application and this starter define, as one value: the meters' observer is
   * among them when Micrometer is present.
   */
  @Bean
  @ConditionalOnMissingBean
  public AccessObservers accessObservers(ObjectProvider<AccessObserver> observers) {
    return new AccessObservers(observers.orderedStream().toList());
  }

  /**
   * The runtime: the service built from the beans above, its background jobs when {@code
   * access.scheduler.enabled} (the default), started now and closed with the context.
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public AccessRuntime accessRuntime(
      AccessProperties properties,
      Catalog catalog,
      PeopleDirectory people,
      AccessStore store,
      Clock clock,
      AccessObservers observers,
      ObjectProvider<IdentityProvider> identityProviders,
      ObjectProvider<TicketingProvider> ticketing,
      ObjectProvider<Notifier> notifier,
      ObjectProvider<CheckpointSigner> signer,
      ObjectProvider<CheckpointSink> sink) {
    List<IdentityProvider> providers = identityProviders.orderedStream().toList();
    AccessRuntime.Builder runtime;
    try {
      if (providers.isEmpty()) {
        throw new AccessConfigurationException(
            "no identity provider: configure one under access.providers (okta.org-url,"
                + " entra.tenant-id, google.delegated-admin, or in-memory.<id> for development),"
                + " or define an IdentityProvider bean");
      }
      AccessServiceBuilder service =
          AccessService.builder()
              .catalog(
                  StarterSettings.catalog(
                      catalog, properties.getJustification(), ticketing.getIfUnique() != null))
              .peopleDirectory(people)
              .store(store)
              .clock(clock)
              .observer(observers.observer());
      UsageEvidence usage = StarterSettings.usageEvidence(properties.getUsageEvidence());
      if (usage == null) {
        service.withoutUsageEvidence();
      } else {
        service.usageEvidence(usage);
      }
      providers.forEach(service::identityProvider);
      ticketing.ifUnique(service::ticketing);
      notifier.ifUnique(service::notifier);
      signer.ifUnique(service::checkpointSigner);
      sink.ifUnique(service::checkpointSink);
      if (!properties.getAdministrators().isEmpty()) {
        service.administrators(
            properties.getAdministrators().stream().map(PersonId::of).toArray(PersonId[]::new));
      }
      service.verifiedDomains(verifiedDomains(properties));
      runtime = AccessRuntime.builder(service).stuckAfter(properties.getStuckAfter());
      if (properties.getScheduler().isEnabled()) {
        if (properties.getStore().getType() == AccessProperties.StoreType.MEMORY) {
          throw new AccessConfigurationException(
              "access.scheduler.enabled=true needs a durable store, but access.store.type=memory:"
                  + " set access.scheduler.enabled=false, or access.store.type=embedded");
        }
        runtime.background(AccessScheduler.factory(b -> {}));
      }
    } catch (RuntimeException e) {
      // The runtime owns these once it starts (and closes them if starting fails); until then a
      // refused configuration must not leave the store's lock and pool open.
      closeAfterFailure(store, e);
      providers.forEach(p -> closeAfterFailure(p, e));
      throw e;
    }
    AccessRuntime started = runtime.start();
    LOG.info(
        "access: runtime started ({} identity providers, store {}, scheduler {})",
        providers.size(),
        properties.getStore().getType().name().toLowerCase(java.util.Locale.ROOT),
        properties.getScheduler().isEnabled() ? "on" : "off");
    return started;
  }

  /** The verified domains the properties name; a bad one is refused naming its property. */
  private static dev.accessgov.policy.VerifiedDomains verifiedDomains(AccessProperties properties) {
    dev.accessgov.policy.VerifiedDomains exact;
    try {
      exact =
          dev.accessgov.policy.VerifiedDomains.of(
              properties.getVerifiedDomains().toArray(String[]::new));
    } catch (AccessConfigurationException e) {
      throw new AccessConfigurationException("access.verified-domains: " + e.getMessage());
    }
    try {
      return exact.withSubdomainsOf(
          properties.getVerifiedDomainsWithSubdomains().toArray(String[]::new));
    } catch (AccessConfigurationException e) {
      throw new AccessConfigurationException(
          "access.verified-domains-with-subdomains: " + e.getMessage());
    }
  }

  private static void closeAfterFailure(Object part, RuntimeException failure) {
    if (part instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        failure.addSuppressed(e);
      }
    }
  }

  /** The service of the runtime. */
  @Bean
  @ConditionalOnMissingBean
  public AccessService accessService(AccessRuntime runtime) {
    return runtime.service();
  }
}
