package dev.accessgov.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("ScriptedFailures")
class ScriptedFailuresTest {
  private final ScriptedFailures<String> script = new ScriptedFailures<>();

  @Test
  @DisplayName("gives each scripted failure once, in order, to a request of its method")
  void inOrderByMethod() {
    script.add(1, "PUT", "lost answer");
    script.add(2, ScriptedFailures.ANY, "503");

    assertThat(script.next("GET")).isEqualTo("503");
    assertThat(script.next("PUT")).isEqualTo("lost answer");
    assertThat(script.next("PUT")).isEqualTo("503");
    assertThat(script.next("GET")).isNull();
  }

  @Test
  @DisplayName("skips failures a request cannot have, leaving them for the next one")
  void skipsInapplicable() {
    script.add(1, ScriptedFailures.ANY, "reset");
    script.add(1, ScriptedFailures.ANY, "429");

    assertThat(script.next("POST", f -> !f.equals("reset"))).isEqualTo("429");
    assertThat(script.next("POST")).isEqualTo("reset");
    script.add(3, "GET", "500");
    script.clear();
    assertThat(script.next("GET")).isNull();
  }
}
