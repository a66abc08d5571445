package dev.accessgov.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessConfigurationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A request type's configuration says what is missing, and has documented defaults. */
class JiraRequestTypeTest {
  @Test
  @DisplayName("defaults: JSM's usual Request Type field, the description, status Declined")
  void defaults() {
    JiraRequestType t =
        JiraRequestType.builder().requestTypes("30", "31").roleField("customfield_1").build();
    assertThat(t.requestTypeIds()).containsExactlyInAnyOrder("30", "31");
    assertThat(t.requestTypeField()).isEqualTo(JiraRequestType.DEFAULT_REQUEST_TYPE_FIELD);
    assertThat(t.reasonField()).isEqualTo("description");
    assertThat(t.declinedStatus()).isEqualTo("Declined");
    assertThat(t.applicationField()).isNull();
    assertThat(t.durationField()).isNull();
    assertThat(t.subjectField()).isNull();
  }

  @Test
  @DisplayName("without request type ids or a role field, build() says what to add")
  void required() {
    assertThatThrownBy(() -> JiraRequestType.builder().roleField("customfield_1").build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("requestTypes(...)");
    assertThatThrownBy(() -> JiraRequestType.builder().requestTypes("30").build())
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("roleField(...)");
  }

  @Test
  @DisplayName("a blank id is refused at once")
  void blank() {
    assertThatThrownBy(() -> JiraRequestType.builder().requestTypes(" "))
        .isInstanceOf(AccessConfigurationException.class)
        .hasMessageContaining("must not be blank");
    assertThatThrownBy(() -> JiraRequestType.builder().declinedStatus(""))
        .isInstanceOf(AccessConfigurationException.class);
  }
}
