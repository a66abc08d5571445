package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import java.util.UUID;

/**
 * Identifies one review campaign. New ids are random UUIDs with an {@code rc-} prefix, so several
 * instances starting campaigns on one database never collide.
 *
 * @param value the identifier: not blank, at most {@value dev.accessgov.InputLimits#MAX_ID_LENGTH}
 *     characters, no control characters and no {@code /} (which separates an item's number)
 */
public record CampaignId(String value) {
  /**
   * Checks the value against {@link dev.accessgov.InputLimits#id}.
   *
   * @throws dev.accessgov.InvalidRequestException when it is blank, too long, not clean text or
   *     contains {@code /}
   */
  public CampaignId {
    requireNonNull(value, "value");
    dev.accessgov.InputLimits.id(value, "a campaign id");
    if (value.indexOf('/') >= 0) {
      throw new dev.accessgov.InvalidRequestException(
          "a campaign id has no '/': that separates an item's number, as in rc-.../12");
    }
  }

  /** Shorthand for {@code new CampaignId(value)}. */
  public static CampaignId of(String value) {
    return new CampaignId(value);
  }

  /** A fresh random id. */
  public static CampaignId random() {
    return new CampaignId("rc-" + UUID.randomUUID());
  }

  /** The id of this campaign's item number {@code n}. */
  public ItemId item(int n) {
    return new ItemId(this, n);
  }

  @Override
  public String toString() {
    return value;
  }
}
