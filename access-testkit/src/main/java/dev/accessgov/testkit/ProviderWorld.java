package dev.accessgov.testkit;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.UsageEvidence;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.inmemory.InMemoryPeopleDirectory;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.PersonId;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.time.TestClock;
import java.time.Duration;

/**
 * The smallest world in which {@link AccessService} drives one provider end to end, for a provider
 * module's own tests: one application {@code wiki} whose role {@value #ROLE} is one group of the
 * provider, granted with the approval of the subject's manager. People: {@code requester}, {@code
 * manager}, and {@value #SUBJECT}, managed by {@code manager}. The service's clock starts at
 * 2026-01-05T09:00:00Z.
 */
public final class ProviderWorld {
  /** The role that is the provider's group. */
  public static final String ROLE = "wiki.reader";

  /** The person the tests grant the role to; the provider must know a user by this login. */
  public static final String SUBJECT = "alice@example.com";

  private ProviderWorld() {}

  /** A service whose role {@value #ROLE} is membership of {@code groupId} at {@code provider}. */
  public static AccessService service(IdentityProvider provider, String groupId) {
    return service(provider, groupId, SUBJECT);
  }

  /**
   * {@link #service(IdentityProvider, String)} with {@code subject} in place of {@value #SUBJECT}.
   */
  public static AccessService service(IdentityProvider provider, String groupId, String subject) {
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("wiki")
                    .name("Wiki")
                    .owner("owner")
                    .role(
                        Role.builder(ROLE)
                            .name("Reader")
                            .tier(RiskTier.STANDARD)
                            // Manager approval: core's automatic path is not what is tested.
                            .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                            .group(provider.id(), groupId)))
            .build();
    return AccessService.builder()
        .catalog(catalog)
        .identityProvider(provider)
        .peopleDirectory(
            new InMemoryPeopleDirectory()
                .add("requester", null)
                .add("manager", null)
                .add(subject, "manager"))
        .clock(TestClock.at("2026-01-05T09:00:00Z"))
        .build();
  }

  /**
   * Requests {@value #ROLE} for {@code subject} (as {@code requester}) and has {@code manager}
   * approve it, which makes the provider add the membership.
   *
   * @return the record as the approval left it
   */
  public static AccessRecord grantApproved(AccessService access, String subject) {
    AccessRecord requested =
        access.grant(
            GrantRequest.builder()
                .subject(subject)
                .role(ROLE)
                .requester("requester")
                .reason("reads the docs")
                .build());
    return access.approve(requested.id(), PersonId.of("manager"), "ok");
  }

  /** The privileged, time-bound role of {@link #usageService}. */
  public static final String ADMIN_ROLE = "wiki.admin";

  /**
   * A service whose role {@value #ADMIN_ROLE} (application {@code wiki}, tier {@code PRIVILEGED},
   * approved by the subject's manager) is membership of {@code groupId} at {@code provider}, and
   * that records usage evidence ({@link UsageEvidence#defaults()}) when such a grant ends. Its
   * clock is {@code clock}, so a test can move past the end.
   */
  public static AccessService usageService(
      IdentityProvider provider, String groupId, String subject, TestClock clock) {
    Catalog catalog =
        Catalog.builder()
            .application(
                Application.builder("wiki")
                    .name("Wiki")
                    .owner("owner")
                    .role(
                        Role.builder(ADMIN_ROLE)
                            .name("Administrator")
                            .tier(RiskTier.PRIVILEGED)
                            .approval(ApprovalPolicy.of(ApprovalStep.manager()))
                            .group(provider.id(), groupId)))
            .build();
    return AccessService.builder()
        .catalog(catalog)
        .identityProvider(provider)
        .peopleDirectory(
            new InMemoryPeopleDirectory()
                .add("requester", null)
                .add("manager", null)
                .add(subject, "manager"))
        .clock(clock)
        .usageEvidence(UsageEvidence.defaults())
        .build();
  }

  /**
   * Requests {@value #ADMIN_ROLE} for {@code subject} for {@code duration} and has the manager
   * approve it.
   *
   * @return the record as the approval left it: active, with its end
   */
  public static AccessRecord grantAdmin(AccessService access, String subject, Duration duration) {
    AccessRecord requested =
        access.grant(
            GrantRequest.builder()
                .subject(subject)
                .role(ADMIN_ROLE)
                .requester("requester")
                .reason("release night")
                .duration(duration)
                .build());
    return access.approve(requested.id(), PersonId.of("manager"), "ok");
  }
}
