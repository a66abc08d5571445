package dev.accessgov.examples.boot;

import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.policy.RiskTier;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The Spring Boot example: {@code POST /grants} grants access, {@code POST /slack/interactions} and
 * {@code POST /jira/webhook} take Slack and Jira requests when configured ({@link FrontDoors}),
 * {@code /actuator/health} shows the {@code access} component and {@code
 * /actuator/metrics/access.approval.lag} the approval lag. The identity provider and the people are
 * in memory ({@code application.properties}); records and evidence go to an embedded store under
 * {@code target/access-boot-data}. Run it with
 *
 * <pre>
 * mvn -q -pl examples-spring-boot -am compile exec:java
 * curl -s -X POST localhost:8080/grants -H 'Content-Type: application/json' \
 *   -d '{"subject":"bob","role":"github/read","reason":"code review"}'
 * curl -s localhost:8080/actuator/health
 * curl -s localhost:8080/actuator/metrics/access.approval.lag
 * </pre>
 */
@SpringBootApplication
public class GrantsApplication {
  /** Spring creates it. */
  public GrantsApplication() {}

  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(GrantsApplication.class, args);
  }

  /**
   * What may be granted: GitHub read access (standard tier, approved by policy) and admin access
   * (privileged: the manager and the application owner approve).
   */
  @Bean
  public Catalog catalog() {
    return Catalog.builder()
        .application(
            Application.builder("github")
                .owner("carol")
                .role(Role.builder("github/read").group("okta", "gh-read"))
                .role(
                    Role.builder("github/admin")
                        .group("okta", "gh-admin")
                        .tier(RiskTier.PRIVILEGED)))
        .build();
  }
}
