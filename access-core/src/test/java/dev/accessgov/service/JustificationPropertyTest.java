package dev.accessgov.service;

import static dev.accessgov.service.Fixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.policy.JustificationRule;
import java.time.Duration;
import java.util.regex.Pattern;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** Random reasons against a rule, compared with a simple model of it. */
class JustificationPropertyTest {

  @Property(tries = 150)
  @Label("a reason is accepted iff it has enough letters and digits and names a ticket")
  void acceptedIffModelSays(
      @ForAll("reasons") String reason, @ForAll @IntRange(min = 0, max = 12) int minLength) {
    Fixture f = new Fixture();
    JustificationRule rule = JustificationRule.minLength(minLength).withTicket("[A-Z]+-\\d+");
    AccessService access = f.builder().catalog(JustificationTest.catalog(rule)).build();
    GrantRequest r = request("github/admin").reason(reason).duration(Duration.ofHours(1)).build();

    long meaningful = reason.codePoints().filter(Character::isLetterOrDigit).count();
    boolean model =
        !reason.isBlank()
            && meaningful >= minLength
            && Pattern.compile("[A-Z]+-[0-9]+").matcher(reason).find();

    Fixture.Snapshot before = f.snapshot();
    if (model) {
      assertThat(access.grant(r).reason()).isEqualTo(reason.strip());
    } else {
      assertThatThrownBy(() -> access.grant(r)).isInstanceOf(InvalidRequestException.class);
      assertThat(f.snapshot()).isEqualTo(before);
    }
  }

  @Provide
  Arbitrary<String> reasons() {
    Arbitrary<String> noise = Arbitraries.strings().withChars(" .-_!?\t").ofMaxLength(6);
    Arbitrary<String> words = Arbitraries.strings().withChars("abcXYZ19ä").ofMaxLength(8);
    Arbitrary<String> keys = Arbitraries.of("ABC-1", "OPS-42", "abc-1", "ABC-", "-12", "A-9", "");
    return Arbitraries.oneOf(noise, words, keys)
        .list()
        .ofMaxSize(5)
        .map(parts -> String.join("", parts))
        .filter(s -> !s.isEmpty());
  }
}
