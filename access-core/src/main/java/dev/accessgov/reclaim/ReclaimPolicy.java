package dev.accessgov.reclaim;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.RiskTier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Takes back access nobody uses: active grants whose subject has not signed in for longer than
 * their tier's threshold, counted from the later of the last sign-in and the grant's activation. A
 * grant is first given notice; it is removed on a run after the grace period, through the identity
 * provider, with {@code RECLAIMED} evidence naming the policy and the last-login value used. A
 * sign-in during the grace period cancels the notice. An unknown last login ({@link
 * dev.accessgov.spi.LastLogin#unknown()}) never counts as inactivity.
 *
 * @param name names the policy in evidence, e.g. {@code inactive-90d}
 * @param thresholds per tier; tiers not listed are never reclaimed
 * @param exemptions access left alone
 * @param grace how long between notice and removal; zero removes at once
 * @param neverCountsAsInactive whether a subject who never signed in is inactive since activation
 */
public record ReclaimPolicy(
    String name,
    Map<RiskTier, Duration> thresholds,
    List<Exemption> exemptions,
    Duration grace,
    boolean neverCountsAsInactive) {

  /** Checks and copies; see {@link Builder#build()}. */
  public ReclaimPolicy {
    requireNonNull(name, "name");
    thresholds = Map.copyOf(thresholds);
    exemptions = List.copyOf(exemptions);
    requireNonNull(grace, "grace");
    if (name.isBlank()) {
      throw new InvalidRequestException("a reclaim policy needs a name");
    }
    if (grace.isNegative() || grace.compareTo(ExpiryPolicy.LONGEST) > 0) {
      throw new InvalidRequestException(
          "grace must lie between zero and " + ExpiryPolicy.LONGEST + ", was " + grace);
    }
    thresholds.forEach(
        (tier, d) -> {
          if (d.isZero() || d.isNegative() || d.compareTo(ExpiryPolicy.LONGEST) > 0) {
            throw new InvalidRequestException(
                "the threshold for "
                    + tier
                    + " must be positive and at most "
                    + ExpiryPolicy.LONGEST
                    + ", was "
                    + d);
          }
        });
  }

  /** A builder for a policy named {@code name}. */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Builds a {@link ReclaimPolicy}. */
  public static final class Builder {
    private final String name;
    private final Map<RiskTier, Duration> thresholds = new EnumMap<>(RiskTier.class);
    private final List<Exemption> exemptions = new ArrayList<>();
    private Duration grace = Duration.ofDays(7);
    private boolean neverCountsAsInactive = true;

    private Builder(String name) {
      this.name = requireNonNull(name, "name");
      thresholds.put(RiskTier.STANDARD, Duration.ofDays(90));
      thresholds.put(RiskTier.SENSITIVE, Duration.ofDays(60));
      thresholds.put(RiskTier.PRIVILEGED, Duration.ofDays(30));
    }

    /**
     * The inactivity threshold of {@code tier}. Defaults: STANDARD 90 days, SENSITIVE 60,
     * PRIVILEGED 30; EMERGENCY access is short-lived and not reclaimed.
     */
    public Builder threshold(RiskTier tier, Duration threshold) {
      thresholds.put(requireNonNull(tier, "tier"), requireNonNull(threshold, "threshold"));
      return this;
    }

    /** Never reclaims access of {@code tier}. */
    public Builder skip(RiskTier tier) {
      thresholds.remove(requireNonNull(tier, "tier"));
      return this;
    }

    /** Adds an exemption. Default: none. */
    public Builder exempt(Exemption exemption) {
      exemptions.add(requireNonNull(exemption, "exemption"));
      return this;
    }

    /** Time between notice and removal. Default: 7 days. */
    public Builder grace(Duration grace) {
      this.grace = requireNonNull(grace, "grace");
      return this;
    }

    /** Whether never having signed in counts as inactivity since activation. Default: true. */
    public Builder neverCountsAsInactive(boolean never) {
      this.neverCountsAsInactive = never;
      return this;
    }

    /**
     * Builds the policy.
     *
     * @throws InvalidRequestException for a blank name, a negative grace or a non-positive
     *     threshold, or either longer than {@link ExpiryPolicy#LONGEST}
     */
    public ReclaimPolicy build() {
      return new ReclaimPolicy(name, thresholds, exemptions, grace, neverCountsAsInactive);
    }
  }
}
