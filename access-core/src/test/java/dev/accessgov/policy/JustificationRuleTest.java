package dev.accessgov.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.InvalidRequestException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A justification rule")
class JustificationRuleTest {
  private static final JustificationRule RULE =
      JustificationRule.minLength(20).withTicket(JustificationRule.JIRA_KEY);

  @Test
  @DisplayName("counts only letters and digits, so dots and spaces do not make a reason")
  void meaningfulLength() {
    assertThat(JustificationRule.meaningfulLength(".....")).isZero();
    assertThat(JustificationRule.meaningfulLength("  \t ")).isZero();
    assertThat(JustificationRule.meaningfulLength("fix ABC-12")).isEqualTo(8);
    assertThat(JustificationRule.meaningfulLength("Änderung 1")).isEqualTo(9);
  }

  @Test
  @DisplayName("refuses a short reason saying what is required and what was given")
  void tooShort() {
    assertThatThrownBy(() -> RULE.check("role github/admin", ".", null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessage(
            "role github/admin needs a reason of at least 20 characters (letters or digits)"
                + " naming a ticket like ABC-123 (matching [A-Z][A-Z0-9]+-\\d+, in the reason or"
                + " the ticket key); got 0 characters and no ticket key matching"
                + " [A-Z][A-Z0-9]+-\\d+");
    assertThatThrownBy(() -> JustificationRule.minLength(5).check("role r", "a . . . . .", null))
        .hasMessageContaining("got 1 character");
  }

  @Test
  @DisplayName("refuses a long reason that names no ticket")
  void noTicket() {
    assertThatThrownBy(
            () -> RULE.check("role r", "a long enough reason without any key in it", null))
        .isInstanceOf(InvalidRequestException.class)
        .hasMessageContaining("no ticket key matching");
  }

  @Test
  @DisplayName("accepts a ticket key in the reason or in the request's ticket key")
  void ticketFound() {
    assertThat(RULE.check("role r", "rotate the deploy keys for OPS-42 today", null))
        .contains("OPS-42");
    assertThat(RULE.check("role r", "rotate the deploy keys for the release", "SEC-7"))
        .contains("SEC-7");
    assertThat(JustificationRule.minLength(3).check("role r", "abc", null)).isEmpty();
  }

  @Test
  @DisplayName("none accepts any reason")
  void none() {
    assertThat(JustificationRule.none().check("role r", ".", null)).isEmpty();
  }

  @Test
  @DisplayName("refuses bad settings naming what to fix")
  void badSettings() {
    assertThatThrownBy(() -> JustificationRule.minLength(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("minLength");
    assertThatThrownBy(() -> JustificationRule.minLength(1).withTicket("[A-Z"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a valid regular expression");
    assertThatThrownBy(() -> JustificationRule.minLength(1).withOpenTicket())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("needs a ticketPattern");
  }
}
