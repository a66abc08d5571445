package dev.accessgov.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.policy.RiskTier;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("A campaign's rules per tier")
class CampaignSpecTiersTest {
  @Test
  @DisplayName("every tier has a deadline rule, an inactivity threshold and a cadence")
  void everyTierHasRules() {
    CampaignSpec spec =
        CampaignSpec.builder("q3", "olivia")
            .onDeadline(RiskTier.STANDARD, DeadlineAction.REVOKE)
            .inactivity(RiskTier.SENSITIVE, Duration.ofDays(45))
            .build();

    assertThat(spec.onDeadline(RiskTier.STANDARD)).isEqualTo(DeadlineAction.REVOKE);
    assertThat(spec.onDeadline(RiskTier.SENSITIVE)).isEqualTo(DeadlineAction.ESCALATE);
    assertThat(spec.inactivity(RiskTier.SENSITIVE)).isEqualTo(Duration.ofDays(45));
    assertThat(spec.inactivity(RiskTier.PRIVILEGED)).isEqualTo(Duration.ofDays(30));
    for (RiskTier tier : RiskTier.values()) {
      assertThat(spec.cadence(tier)).isEqualTo(tier.reviewCadence());
      assertThat(spec.onDeadline(tier)).isEqualTo(spec.onDeadline().get(tier));
      assertThat(spec.inactivity(tier)).isEqualTo(spec.inactivity().get(tier));
    }
  }
}
