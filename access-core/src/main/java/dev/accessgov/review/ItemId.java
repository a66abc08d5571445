package dev.accessgov.review;

import static java.util.Objects.requireNonNull;

import dev.accessgov.InvalidRequestException;

/**
 * Identifies one item of a review campaign: the campaign and the item's number in it, from 1.
 * Written {@code <campaign id>/<n>}, as in evidence and reports.
 *
 * @param campaign the campaign
 * @param number the item's number, from 1
 */
public record ItemId(CampaignId campaign, int number) {
  /**
   * Checks the number.
   *
   * @throws InvalidRequestException when it is below 1
   */
  public ItemId {
    requireNonNull(campaign, "campaign");
    if (number < 1) {
      throw new InvalidRequestException("item numbers start at 1, was " + number);
    }
  }

  /**
   * Parses {@code <campaign id>/<n>}.
   *
   * @throws InvalidRequestException when {@code value} is not of that form
   */
  public static ItemId of(String value) {
    dev.accessgov.InputLimits.id(value, "a review item id");
    int slash = value.lastIndexOf('/');
    try {
      if (slash > 0) {
        return new ItemId(
            CampaignId.of(value.substring(0, slash)), Integer.parseInt(value.substring(slash + 1)));
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidRequestException(
        "not a review item id: '" + value + "'; ids look like rc-.../12");
  }

  /** The written form, {@code <campaign id>/<n>}. */
  public String value() {
    return campaign.value() + "/" + number;
  }

  @Override
  public String toString() {
    return value();
  }
}
