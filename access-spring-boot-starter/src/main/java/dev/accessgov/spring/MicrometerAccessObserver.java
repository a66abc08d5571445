package dev.accessgov.spring;

import static java.util.Objects.requireNonNull;

import dev.accessgov.SweepResult;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.spi.AccessObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Records what the service reports as Micrometer meters; the names and tags are listed in the
 * module README. Tags take their values from the catalog (application id, risk tier), provider ids
 * and operation names only, so their number stays bounded; no person or record id becomes a tag.
 */
public final class MicrometerAccessObserver implements AccessObserver {
  /** Requests that became records; tags {@code application}, {@code tier}. */
  public static final String REQUESTS = "access.requests";

  /** Requests that got their last approval; tags {@code application}, {@code tier}. */
  public static final String APPROVALS = "access.approvals";

  /** Requests refused; tags {@code application}, {@code tier}. */
  public static final String DENIALS = "access.denials";

  /** From request to last approval; tags {@code application}, {@code tier}. */
  public static final String APPROVAL_LAG = "access.approval.lag";

  /** From last approval to every membership confirmed; tags {@code application}, {@code tier}. */
  public static final String PROVISIONING_LAG = "access.provisioning.lag";

  /** Identity-provider calls; tags {@code provider}, {@code operation}, {@code outcome}. */
  public static final String IDP_CALLS = "access.idp.calls";

  /** Vendor requests tried again; tag {@code provider}. */
  public static final String IDP_RETRIES = "access.idp.retries";

  /** Rate-limit or quota answers from a vendor; tag {@code provider}. */
  public static final String IDP_RATE_LIMITED = "access.idp.rate.limited";

  /** Background sweeps; tag {@code sweep}. */
  public static final String SWEEP = "access.sweep";

  private static final String UNKNOWN = "unknown";

  private final MeterRegistry registry;
  private final Catalog catalog;

  /** Records into {@code registry}, tagging records by their role's application and tier. */
  public MicrometerAccessObserver(MeterRegistry registry, Catalog catalog) {
    this.registry = requireNonNull(registry, "registry");
    this.catalog = requireNonNull(catalog, "catalog");
  }

  @Override
  public void requested(AccessRecord record) {
    counter(REQUESTS, "Access requests that became records", record).increment();
  }

  @Override
  public void approved(AccessRecord record, Duration sinceRequest) {
    counter(APPROVALS, "Access requests that got their last approval", record).increment();
    timer(APPROVAL_LAG, "Time from request to last approval", record).record(sinceRequest);
  }

  @Override
  public void denied(AccessRecord record, Duration sinceRequest) {
    counter(DENIALS, "Access requests refused", record).increment();
  }

  @Override
  public void provisioned(AccessRecord record, Duration sinceApproval) {
    timer(PROVISIONING_LAG, "Time from last approval to every membership confirmed", record)
        .record(sinceApproval);
  }

  @Override
  public void providerCall(
      String providerId, String operation, Duration took, @Nullable Throwable failure) {
    Timer.builder(IDP_CALLS)
        .description("Identity-provider calls as the service saw them, retries included")
        .tags(
            "provider",
            providerId,
            "operation",
            operation,
            "outcome",
            failure == null ? "success" : "failure")
        .register(registry)
        .record(took);
  }

  @Override
  public void providerRetry(String providerId, String operation, String reason) {
    Counter.builder(IDP_RETRIES)
        .description("Vendor requests tried again")
        .tag("provider", providerId)
        .register(registry)
        .increment();
  }

  @Override
  public void providerRateLimited(String providerId, String operation, Duration wait) {
    Counter.builder(IDP_RATE_LIMITED)
        .description("Rate-limit or quota answers from a vendor")
        .tag("provider", providerId)
        .register(registry)
        .increment();
  }

  @Override
  public void sweep(String name, Duration took, SweepResult result) {
    Timer.builder(SWEEP)
        .description("Background sweeps")
        .tag("sweep", name)
        .register(registry)
        .record(took);
  }

  private Counter counter(String name, String description, AccessRecord record) {
    return Counter.builder(name).description(description).tags(tags(record)).register(registry);
  }

  private Timer timer(String name, String description, AccessRecord record) {
    return Timer.builder(name).description(description).tags(tags(record)).register(registry);
  }

  private Tags tags(AccessRecord record) {
    Optional<Role> role = catalog.role(record.roleId());
    String application = role.map(r -> catalog.applicationOf(r).id()).orElse(UNKNOWN);
    String tier = role.map(r -> r.tier().name().toLowerCase(Locale.ROOT)).orElse(UNKNOWN);
    return Tags.of("application", application, "tier", tier);
  }
}
