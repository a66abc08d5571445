package dev.accessgov.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.spring.app.TestApplication;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
@DisplayName("An application missing a required property")
class StartupFailureTest {
  @Test
  @DisplayName("stops at start-up with a report naming the property to set")
  void reportsTheProperty(CapturedOutput output) {
    SpringApplicationBuilder application =
        new SpringApplicationBuilder(TestApplication.class)
            .web(WebApplicationType.NONE)
            .properties("access.providers.in-memory.okta.users=bob");
    assertThatThrownBy(application::run)
        .hasRootCauseMessage(
            "access.store.path is not set: give the embedded store's directory (e.g."
                + " access.store.path=data/access), or set access.store.type=datasource to use the"
                + " application's DataSource");
    assertThat(output)
        .contains("APPLICATION FAILED TO START")
        .contains("access-governance is not configured: access.store.path is not set");
  }
}
