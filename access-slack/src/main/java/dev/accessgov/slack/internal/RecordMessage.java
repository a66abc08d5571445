package dev.accessgov.slack.internal;

import static java.util.Objects.requireNonNull;

import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A record as a Slack message: who asks, for whom, role and tier, reason, duration, state and who
 * decided when; Approve and Deny buttons ({@code access.approve} / {@code access.deny}, value = the
 * record id) while it waits for approval. The interaction handler rewrites a clicked message with
 * it, so the message shows the record as it is now. Not API.
 */
public final class RecordMessage {
  /** The approve button's action id. */
  public static final String APPROVE = "access.approve";

  /** The deny button's action id. */
  public static final String DENY = "access.deny";

  private final Catalog catalog;

  /** Renders records of {@code catalog}'s roles. */
  public RecordMessage(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
  }

  /** The one-line text: the notification text and the fallback for clients without blocks. */
  public String text(AccessRecord r) {
    return "Access request "
        + r.id()
        + ": "
        + r.requester()
        + " asks for "
        + r.roleId()
        + " for "
        + r.subject()
        + " — "
        + state(r);
  }

  /** The blocks. */
  public List<LayoutBlock> blocks(AccessRecord r) {
    Optional<Role> role = catalog.role(r.roleId());
    List<TextObject> fields = new ArrayList<>();
    fields.add(md("*Requested by*\n" + esc(r.requester())));
    fields.add(md("*For*\n" + esc(r.subject())));
    fields.add(md("*Role*\n" + esc(r.roleId()) + role.map(x -> " (" + x.tier() + ")").orElse("")));
    fields.add(
        md("*Duration*\n" + (r.duration() == null ? "no end" : Durations.human(r.duration()))));
    fields.add(md("*State*\n" + state(r)));
    fields.add(
        md("*Record*\n" + esc(r.id()) + (r.ticketKey() == null ? "" : " · " + esc(r.ticketKey()))));
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        SectionBlock.builder()
            .text(md("*Access request* for *" + esc(r.roleId()) + "*"))
            .fields(fields)
            .build());
    blocks.add(SectionBlock.builder().text(md("*Reason*\n" + quote(r.reason()))).build());
    List<String> decided = decisions(r);
    if (!decided.isEmpty()) {
      List<com.slack.api.model.block.ContextBlockElement> lines = new ArrayList<>();
      for (String d : decided) {
        lines.add(md(d));
      }
      blocks.add(ContextBlock.builder().elements(lines).build());
    }
    if (r.state() == RecordState.PENDING_APPROVAL) {
      List<BlockElement> buttons = new ArrayList<>();
      buttons.add(button("Approve", APPROVE, r.id().value(), "primary"));
      buttons.add(button("Deny", DENY, r.id().value(), "danger"));
      blocks.add(ActionsBlock.builder().blockId("decide").elements(buttons).build());
    }
    return blocks;
  }

  private static String state(AccessRecord r) {
    return switch (r.state()) {
      case PENDING_APPROVAL -> "awaiting approval";
      case ACTIVE -> "approved, active" + (r.expiresAt() == null ? "" : " until " + r.expiresAt());
      case PROVISIONING -> "approved, being provisioned";
      case DENIED -> "denied";
      default -> r.state().toString().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static List<String> decisions(AccessRecord r) {
    List<String> lines = new ArrayList<>();
    for (EvidenceEvent e : r.timeline()) {
      if (e.type() == EvidenceType.APPROVED || e.type() == EvidenceType.DENIED) {
        String reason = e.detailText(EvidenceKeys.REASON);
        lines.add(
            (e.type() == EvidenceType.APPROVED ? "Approved" : "Denied")
                + " by "
                + esc(e.actor())
                + (e.detail(EvidenceKeys.STEP) == null
                    ? ""
                    : " (" + e.detailText(EvidenceKeys.STEP) + ")")
                + " at "
                + e.time()
                + (reason == null ? "" : ": " + esc(clip(reason, 200))));
      }
    }
    return lines;
  }

  private static ButtonElement button(String text, String actionId, String value, String style) {
    return ButtonElement.builder()
        .text(RequestModal.plain(text))
        .actionId(actionId)
        .value(value)
        .style(style)
        .build();
  }

  private static MarkdownTextObject md(String text) {
    return MarkdownTextObject.builder().text(clip(text, 2900)).build();
  }

  private static String quote(String text) {
    return "> " + Mrkdwn.escape(clip(text, 2800)).replace("\n", "\n> ");
  }

  private static String esc(Object value) {
    return Mrkdwn.escape(String.valueOf(value));
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
