package dev.accessgov.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintStream;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("the secret canary")
class SecretCanaryTest {
  private static final String SECRET = "canary-secret-0b1c2d3e";
  private static final String OTHER = "canary-other-9f8e7d6c";

  @Test
  @DisplayName("finds a secret in a JUL record, the standard streams and what a test saw, masked")
  void findsEveryLeak() {
    PrintStream out = System.out;
    try (SecretCanary canary = SecretCanary.start()) {
      assertThat(canary.leaks(List.of(SECRET, OTHER))).as("nothing yet").isEmpty();
      Logger.getLogger("canary.test").log(Level.FINEST, "token={0}", SECRET);
      System.out.println("printed " + OTHER);
      System.err.println("nothing secret");
      canary.saw(new IllegalStateException("outer", new RuntimeException("with " + SECRET)));
      canary.saw(List.of("a result holding " + OTHER + " and " + SECRET));

      List<String> leaks = canary.leaks(List.of(SECRET, OTHER));
      assertThat(leaks)
          .as(
              "the cause's message, toString and stack trace; the printed line; the JUL record;"
                  + " both secrets of the result")
          .hasSizeGreaterThanOrEqualTo(6)
          .allSatisfy(l -> assertThat(l).endsWith("<canary>"))
          .anySatisfy(l -> assertThat(l).contains("token="))
          .anySatisfy(l -> assertThat(l).contains("printed "))
          .anySatisfy(l -> assertThat(l).contains("a result holding <secret> and "));
      assertThat(String.join("\n", leaks)).doesNotContain(SECRET, OTHER);
      assertThat(canary.julText()).contains("FINEST canary.test");
    }
    assertThat(System.out).as("restored").isSameAs(out);
  }
}
