package dev.accessgov;

import static java.util.Objects.requireNonNull;

import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.GroupRef;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.CheckpointSigner;
import dev.accessgov.inmemory.InMemoryAccessStore;
import dev.accessgov.inmemory.InMemoryNotifier;
import dev.accessgov.internal.DefaultAccessService;
import dev.accessgov.policy.VerifiedDomains;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.LifecycleReviewPolicy;
import dev.accessgov.spi.AccessObserver;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spi.CheckpointSink;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.Notifier;
import dev.accessgov.spi.PeopleDirectory;
import dev.accessgov.spi.TicketingProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Wires an {@link AccessService}. Nothing is picked from the classpath: every provider is named
 * here. Required: {@link #catalog}, at least one {@link #identityProvider} (one for every provider
 * id the catalog uses) and a {@link #peopleDirectory}.
 */
public final class AccessServiceBuilder {
  /** The default {@link #leaseDuration}: one minute. */
  public static final Duration DEFAULT_LEASE_DURATION = Duration.ofMinutes(1);

  private @Nullable Catalog catalog;
  private final Map<String, IdentityProvider> identityProviders = new LinkedHashMap<>();
  private @Nullable PeopleDirectory peopleDirectory;
  private final Set<PersonId> administrators = new LinkedHashSet<>();
  private @Nullable AccessStore store;
  private @Nullable TicketingProvider ticketing;
  private @Nullable CheckpointSigner checkpointSigner;
  private CheckpointSink checkpointSink = CheckpointSink.none();
  private Clock clock = Clock.systemUTC();
  private int sweepParallelism = 4;
  private InputLimits inputLimits = InputLimits.defaults();
  private Duration leaseDuration = DEFAULT_LEASE_DURATION;
  private @Nullable String instanceName;
  private @Nullable Notifier notifier;
  private AccessObserver observer = AccessObserver.none();
  private @Nullable UsageEvidence usageEvidence = UsageEvidence.defaults();
  private LifecycleReviewPolicy lifecycleReviews = LifecycleReviewPolicy.defaults();
  private VerifiedDomains verifiedDomains = VerifiedDomains.none();

  AccessServiceBuilder() {}

  /** The applications and roles that can be granted. Required. */
  public AccessServiceBuilder catalog(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
    return this;
  }

  /** Adds an identity provider, known by its {@code id()}. At least one is required. */
  public AccessServiceBuilder identityProvider(IdentityProvider provider) {
    requireNonNull(provider, "provider");
    if (identityProviders.putIfAbsent(provider.id(), provider) != null) {
      throw new AccessConfigurationException(
          "two identity providers share the id '" + provider.id() + "'; ids must be unique");
    }
    return this;
  }

  /** Who people are and who manages them. Required. */
  public AccessServiceBuilder peopleDirectory(PeopleDirectory peopleDirectory) {
    this.peopleDirectory = requireNonNull(peopleDirectory, "peopleDirectory");
    return this;
  }

  /**
   * Adds administrators: people who may also revoke anyone's access, offboard anyone and reassign
   * review items (see "Who may do what" in the README). They approve, extend and decide nothing by
   * virtue of this. Each must be in the people directory (by any of their identifiers) when {@link
   * #build()} runs; an administrator who has left may no longer act. Default: none.
   */
  public AccessServiceBuilder administrators(PersonId... people) {
    for (PersonId p : requireNonNull(people, "people")) {
      administrators.add(requireNonNull(p, "administrator"));
    }
    return this;
  }

  /**
   * Where records and evidence live. Default: a new {@link InMemoryAccessStore}, which loses
   * everything when the process ends.
   */
  public AccessServiceBuilder store(AccessStore store) {
    this.store = requireNonNull(store, "store");
    return this;
  }

  /** A ticketing system that mirrors each record. Default: none. */
  public AccessServiceBuilder ticketing(TicketingProvider ticketing) {
    this.ticketing = requireNonNull(ticketing, "ticketing");
    return this;
  }

  /**
   * Signs evidence checkpoints; keep its private key outside the store. Default: none, and {@link
   * EvidenceLog#checkpoint()} and {@link EvidenceLog#export} refuse to run.
   */
  public AccessServiceBuilder checkpointSigner(CheckpointSigner signer) {
    this.checkpointSigner = requireNonNull(signer, "signer");
    return this;
  }

  /**
   * Where each checkpoint is published outside the store, so that a store cut back or rewritten is
   * caught: the service refuses to sign over a log that no longer extends the latest published
   * checkpoint, and auditors verify against them. Default: {@link CheckpointSink#none()}; use
   * {@link CheckpointSink#directory} on another volume than the store.
   */
  public AccessServiceBuilder checkpointSink(CheckpointSink sink) {
    this.checkpointSink = requireNonNull(sink, "sink");
    return this;
  }

  /** The clock for every timestamp and expiry. Default: {@link Clock#systemUTC()}. */
  public AccessServiceBuilder clock(Clock clock) {
    this.clock = requireNonNull(clock, "clock");
    return this;
  }

  /**
   * How many records {@link AccessService#expireDue()} and {@link AccessService#recover()} work on
   * at once, each on its own short-lived thread. Default: 4, because each record waits on an
   * identity provider and on durable commits, and a store that commits concurrent writers together
   * turns those waits into one; 1 works on the calling thread only.
   */
  public AccessServiceBuilder sweepParallelism(int sweepParallelism) {
    if (sweepParallelism < 1) {
      throw new AccessConfigurationException(
          "sweepParallelism must be at least 1, was " + sweepParallelism);
    }
    this.sweepParallelism = sweepParallelism;
    return this;
  }

  /**
   * The bounds on free text (reasons, comments, notes) the service accepts. Default: {@link
   * InputLimits#defaults()}, {@value InputLimits#DEFAULT_MAX_TEXT} characters.
   */
  public AccessServiceBuilder inputLimits(InputLimits inputLimits) {
    this.inputLimits = requireNonNull(inputLimits, "inputLimits");
    return this;
  }

  /**
   * How long this instance's lease on a record it provisions or deprovisions runs without renewal.
   * While the instance works, it renews all its leases before a provider call whenever a third of
   * this has passed since the last renewal; {@link AccessService#recover()} on any instance takes a
   * record over only once its lease has lapsed. So it must exceed, by half again, the longest
   * single provider call (including the provider's own retries and waits): a call that outlives the
   * lease may be repeated by another instance, and the evidence then records the second answer.
   * Shorter means a dead instance's work is taken over sooner. Default: 1 min.
   *
   * @throws AccessConfigurationException when not positive or longer than a day
   */
  public AccessServiceBuilder leaseDuration(Duration leaseDuration) {
    requireNonNull(leaseDuration, "leaseDuration");
    if (leaseDuration.isNegative()
        || leaseDuration.isZero()
        || leaseDuration.compareTo(Duration.ofDays(1)) > 0) {
      throw new AccessConfigurationException(
          "leaseDuration must be positive and at most a day (e.g. PT1M), was " + leaseDuration);
    }
    this.leaseDuration = leaseDuration;
    return this;
  }

  /**
   * A readable name for this instance (e.g. the host name), put before the random id that owns its
   * leases, so a {@code RECOVERED} event says whose work was taken over. Default: none, the random
   * id alone.
   *
   * @throws AccessConfigurationException when blank, longer than 100 characters, or holding
   *     whitespace or control characters
   */
  public AccessServiceBuilder instanceName(String instanceName) {
    requireNonNull(instanceName, "instanceName");
    if (instanceName.isEmpty()
        || instanceName.length() > 100
        || !instanceName.codePoints().allMatch(c -> c > 0x20 && c != 0x7f)) {
      throw new AccessConfigurationException(
          "instanceName must be 1 to 100 characters without whitespace or control characters,"
              + " was '"
              + instanceName
              + "'");
    }
    this.instanceName = instanceName;
    return this;
  }

  /**
   * Delivers review reminders and reclaim notices (mail, chat, a ticket comment). Default: an
   * {@link InMemoryNotifier}, which keeps them for the host to read.
   */
  public AccessServiceBuilder notifier(Notifier notifier) {
    this.notifier = requireNonNull(notifier, "notifier");
    return this;
  }

  /**
   * Hears what the service did, after it committed: requests, approvals, denials, provisioning,
   * ends and identity-provider calls, for meters. An exception it throws is logged and ignored.
   * Default: {@link AccessObserver#none()}.
   */
  public AccessServiceBuilder observer(AccessObserver observer) {
    this.observer = requireNonNull(observer, "observer");
    return this;
  }

  /**
   * How the immediate review a transfer opens runs: who reviews the access the new position does
   * not justify, how long they have, and what happens to what nobody decided. Default: {@link
   * LifecycleReviewPolicy#defaults()} (the new manager, else the application owner; 7 days; revoke
   * at the deadline).
   */
  public AccessServiceBuilder lifecycleReviews(LifecycleReviewPolicy policy) {
    this.lifecycleReviews = requireNonNull(policy, "policy");
    return this;
  }

  /**
   * How the service records whether time-bound access was used, when it ends: a {@code
   * USAGE_OBSERVED} event from each identity provider's activity log, or "not available from this
   * provider" (see {@link UsageEvidence}). Default: on, with {@link UsageEvidence#defaults()}; turn
   * it off with {@link #withoutUsageEvidence()}.
   */
  public AccessServiceBuilder usageEvidence(UsageEvidence usageEvidence) {
    this.usageEvidence = requireNonNull(usageEvidence, "usageEvidence");
    return this;
  }

  /**
   * Records no usage evidence: time-bound grants that end get no {@code USAGE_OBSERVED} event and
   * no identity provider's activity log is read. Undone by {@link #usageEvidence(UsageEvidence)}.
   */
  public AccessServiceBuilder withoutUsageEvidence() {
    this.usageEvidence = null;
    return this;
  }

  /**
   * The organisation's verified e-mail domains: review items, reconcile findings and (through
   * {@link AccessService#verifiedDomains()}) reports mark accounts outside them as unmanaged, and a
   * campaign can require an explicit decision on each ({@code
   * CampaignSpec.Builder.explicitDecisionOnUnmanaged}). Which identity is judged, and how domains
   * match, is defined by {@link VerifiedDomains}. Default: {@link VerifiedDomains#none()}, nothing
   * is marked.
   */
  public AccessServiceBuilder verifiedDomains(VerifiedDomains verifiedDomains) {
    this.verifiedDomains = requireNonNull(verifiedDomains, "verifiedDomains");
    return this;
  }

  /**
   * The parts an {@link AccessRuntime} owns, in the order it closes them (after its background
   * work); fills in the default store and notifier first, so that the runtime owns the very objects
   * the service is built on.
   */
  Parts parts() {
    if (store == null) {
      store = new InMemoryAccessStore();
    }
    if (notifier == null) {
      notifier = new InMemoryNotifier();
    }
    List<Object> closeOrder = new ArrayList<>();
    if (ticketing != null) {
      closeOrder.add(ticketing);
    }
    closeOrder.add(notifier);
    closeOrder.addAll(identityProviders.values());
    closeOrder.add(store);
    return new Parts(store, clock, observer, List.copyOf(closeOrder));
  }

  /** The catalog given, or null. */
  @Nullable Catalog catalog() {
    return catalog;
  }

  /** What {@link #parts()} returns. */
  record Parts(AccessStore store, Clock clock, AccessObserver observer, List<Object> closeOrder) {}

  /**
   * Builds the service.
   *
   * @throws AccessConfigurationException when a required part is missing, the catalog names an
   *     identity provider that was not added, or a named approver (of a role or a SoD rule) or an
   *     administrator is not in the people directory
   */
  public AccessService build() {
    if (catalog == null) {
      throw new AccessConfigurationException(
          "no catalog; call catalog(Catalog.builder()...build())");
    }
    if (peopleDirectory == null) {
      throw new AccessConfigurationException("no people directory; call peopleDirectory(...)");
    }
    if (identityProviders.isEmpty()) {
      throw new AccessConfigurationException("no identity provider; call identityProvider(...)");
    }
    for (Role role : catalog.roles()) {
      for (GroupRef group : role.groups()) {
        if (!identityProviders.containsKey(group.providerId())) {
          throw new AccessConfigurationException(
              "role "
                  + role.id()
                  + " uses group "
                  + group
                  + " of provider '"
                  + group.providerId()
                  + "', which was not added; added: "
                  + identityProviders.keySet());
        }
      }
    }
    return new DefaultAccessService(
        catalog,
        Map.copyOf(identityProviders),
        peopleDirectory,
        Set.copyOf(administrators),
        store != null ? store : new InMemoryAccessStore(),
        ticketing,
        checkpointSigner,
        checkpointSink,
        clock,
        sweepParallelism,
        inputLimits,
        leaseDuration,
        instanceName,
        notifier != null ? notifier : new InMemoryNotifier(),
        observer,
        usageEvidence,
        lifecycleReviews,
        verifiedDomains);
  }
}
