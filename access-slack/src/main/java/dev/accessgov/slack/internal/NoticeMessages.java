package dev.accessgov.slack.internal;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;
import static dev.accessgov.slack.internal.RecordMessages.cut;
import static dev.accessgov.slack.internal.RecordMessages.date;
import static dev.accessgov.slack.internal.RecordMessages.escape;

import com.slack.api.model.block.LayoutBlock;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.review.ReviewItem;
import dev.accessgov.slack.internal.RecordMessages.Rendered;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Notices as Block Kit messages: a review reminder listing the reviewer's pending items with Keep
 * ({@code access.review.keep}) and Revoke ({@code access.review.revoke}) per item, valued with the
 * item id; an expiry warning with Extend ({@code access.extend}, valued with the record id); a
 * reclaim notice. Not API.
 */
public final class NoticeMessages {
  /** The action id of Keep; its value is the review item id. */
  public static final String KEEP = "access.review.keep";

  /** The action id of Revoke; its value is the review item id. */
  public static final String REVOKE = "access.review.revoke";

  /** The action id of Extend; its value is the record id. */
  public static final String EXTEND = "access.extend";

  /** At most this many items in one reminder (two blocks each; Slack allows 50 blocks). */
  static final int MAX_ITEMS = 20;

  private NoticeMessages() {}

  /** A reminder of a campaign's undecided items, each with Keep and Revoke. */
  public static Rendered reminder(String campaignName, Instant deadline, List<ReviewItem> items) {
    String headline =
        "Access review \"" + campaignName + "\": " + items.size() + " item(s) to decide";
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        section(
            s ->
                s.text(
                    markdownText(
                        cut(
                            "*"
                                + escape(headline)
                                + "*\nPlease decide by "
                                + date(deadline)
                                + ". Undecided items are handled as the campaign says.")))));
    for (ReviewItem item : items.subList(0, Math.min(items.size(), MAX_ITEMS))) {
      String lastLogin =
          switch (item.lastLogin().kind()) {
            case AT ->
                "last sign-in " + item.lastLogin().time().map(RecordMessages::date).orElse("");
            case NEVER -> "never signed in";
            case UNKNOWN -> "last sign-in unknown";
          };
      blocks.add(
          section(
              s ->
                  s.text(
                      markdownText(
                          cut(
                              "*"
                                  + escape(item.subject().value())
                                  + "* — "
                                  + escape(item.roleId().value())
                                  + " ("
                                  + item.tier()
                                  + "), "
                                  + lastLogin
                                  + "\nSuggested: "
                                  + escape(item.recommendation().toString()))))));
      String id = item.id().toString();
      blocks.add(
          actions(
              a ->
                  a.blockId("item:" + id)
                      .elements(
                          List.of(
                              button(b -> b.actionId(KEEP).value(id).text(plainText("Keep"))),
                              button(
                                  b ->
                                      b.actionId(REVOKE)
                                          .value(id)
                                          .style("danger")
                                          .text(plainText("Revoke")))))));
    }
    if (items.size() > MAX_ITEMS) {
      int more = items.size() - MAX_ITEMS;
      blocks.add(
          context(
              c ->
                  c.elements(
                      List.of(
                          markdownText(
                              "and " + more + " more; they follow once these are decided")))));
    }
    return new Rendered(cut(headline), blocks);
  }

  /** A warning that time-bound access ends soon, with Extend. */
  public static Rendered expiring(AccessRecord r, Catalog catalog, Instant now) {
    String role = catalog.role(r.roleId()).map(Role::name).orElse(r.roleId().value());
    Instant end = r.expiresAt() == null ? now : r.expiresAt();
    Duration left = Duration.between(now, end);
    String headline =
        "Your "
            + role
            + " access ends in "
            + RecordMessages.human(left.isNegative() ? Duration.ZERO : left)
            + " — extend?";
    String id = r.id().value();
    List<LayoutBlock> blocks =
        List.of(
            section(
                s ->
                    s.text(
                        markdownText(
                            cut(
                                "*"
                                    + escape(headline)
                                    + "*\nIt ends "
                                    + date(end)
                                    + ". Record `"
                                    + escape(id)
                                    + "`.")))),
            actions(
                a ->
                    a.blockId("access.expiry")
                        .elements(
                            List.of(
                                button(
                                    b ->
                                        b.actionId(EXTEND)
                                            .value(id)
                                            .style("primary")
                                            .text(plainText("Extend")))))));
    return new Rendered(cut(headline), blocks);
  }

  /** A notice that access will be removed for inactivity. */
  public static Rendered reclaim(
      String roleName, String recordId, Instant removeAfter, String policy) {
    String headline = "Your " + roleName + " access will be removed for inactivity";
    List<LayoutBlock> blocks =
        List.of(
            section(
                s ->
                    s.text(
                        markdownText(
                            cut(
                                "*"
                                    + escape(headline)
                                    + "*\nSign in to the application before "
                                    + date(removeAfter)
                                    + " to keep it. Policy "
                                    + escape(policy)
                                    + ", record `"
                                    + escape(recordId)
                                    + "`.")))));
    return new Rendered(cut(headline), blocks);
  }
}
