package dev.accessgov.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.AccessRuntime;
import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.jdbc.JdbcAccessStore;
import dev.accessgov.record.RecordState;
import dev.accessgov.spi.AccessStore;
import dev.accessgov.spring.app.TestApplication;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

@DisplayName("An application with its own DataSource (spring.datasource.*)")
class DataSourceStoreTest {
  @Test
  @DisplayName("keeps records in it, with Boot's JDBC and Flyway auto-configuration present")
  void grantsOnTheApplicationsDatabase() {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(TestApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "spring.datasource.url=jdbc:h2:mem:access-ds;DB_CLOSE_DELAY=-1",
                "access.store.type=datasource",
                "access.providers.in-memory.okta.users=bob",
                "access.providers.in-memory.okta.groups=gh-read",
                "access.people.bob.manager=carol")
            .run()) {
      assertThat(context.getBean(AccessStore.class)).isInstanceOf(JdbcAccessStore.class);
      assertThat(context.getBean(Catalog.class)).isNotNull();
      var record =
          context
              .getBean(AccessService.class)
              .grant(
                  GrantRequest.builder()
                      .subject("bob")
                      .requester("bob")
                      .role("github/read")
                      .reason("test")
                      .build());
      assertThat(record.state()).isEqualTo(RecordState.ACTIVE);
      assertThat(context.getBean(AccessRuntime.class).status().backgroundRunning()).isTrue();
    }
  }
}
