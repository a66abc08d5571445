package dev.accessgov.slack.internal;

import static com.slack.api.model.block.Blocks.actions;
import static com.slack.api.model.block.Blocks.context;
import static com.slack.api.model.block.Blocks.section;
import static com.slack.api.model.block.composition.BlockCompositions.markdownText;
import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.policy.Decision;
import dev.accessgov.record.AccessRecord;
import dev.accessgov.record.RecordState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The Block Kit rendering of a record, the same facts wherever it is shown (an approval request,
 * the message after a decision, a click's answer): who asks, for whom, role and tier, reason,
 * duration, policy step, state, who decided and when, and links to the record and its ticket. While
 * the record waits and the reader may decide, the message carries Approve ({@code access.approve})
 * and Deny ({@code access.deny}) buttons whose value is the record id. Slack's limits are kept:
 * text cut to 3000 characters a block. Not API.
 */
public final class RecordMessages {
  /** The action id of the Approve button; its value is the record id. */
  public static final String APPROVE = "access.approve";

  /** The action id of the Deny button; its value is the record id. */
  public static final String DENY = "access.deny";

  private static final int MAX_TEXT = 3000;

  private RecordMessages() {}

  /** A message: its notification text and its blocks. */
  public record Rendered(String text, List<LayoutBlock> blocks) {}

  /**
   * The record as a message.
   *
   * @param pending the step the record waits for, or null when it waits for none
   * @param buttons whether to show Approve / Deny (only while {@code pending} is not null)
   */
  public static Rendered render(
      AccessRecord r,
      Catalog catalog,
      Decision.@Nullable NeedsApproval pending,
      boolean buttons,
      Links links) {
    Optional<Role> role = catalog.role(r.roleId());
    String app = role.map(catalog::applicationOf).map(Application::name).orElse("");
    String roleName = role.map(Role::name).orElse(r.roleId().value());
    String tier = role.map(x -> x.tier().name()).orElse("unknown");
    String headline =
        (r.state() == RecordState.PENDING_APPROVAL ? "Access request" : "Access " + outcome(r))
            + ": "
            + roleName
            + (app.isEmpty() ? "" : " in " + app)
            + " for "
            + r.subject().value();
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(section(s -> s.text(markdownText(cut("*" + escape(headline) + "*")))));
    List<TextObject> fields = new ArrayList<>();
    fields.add(field("Requested by", r.requester().value()));
    fields.add(field("For", r.subject().value()));
    fields.add(field("Role", roleName + " (" + r.roleId().value() + ")"));
    fields.add(field("Tier", tier));
    fields.add(field("Duration", r.duration() == null ? "open-ended" : human(r.duration())));
    fields.add(field("State", r.state().name()));
    if (pending != null) {
      fields.add(
          field(
              "Policy step",
              (pending.stepIndex() + 1)
                  + ": "
                  + pending.step().label()
                  + (pending.approvalsMissing() > 1
                      ? " (" + pending.approvalsMissing() + " approvals missing)"
                      : "")));
    }
    if (r.expiresAt() != null) {
      fields.add(field("Ends", date(r.expiresAt())));
    }
    blocks.add(section(s -> s.fields(fields)));
    blocks.add(section(s -> s.text(markdownText(cut("*Reason*\n" + escape(r.reason()))))));
    String decisions = decisions(r);
    if (!decisions.isEmpty()) {
      blocks.add(section(s -> s.text(markdownText(cut(decisions)))));
    }
    List<String> refs = new ArrayList<>();
    URI page = links.record().apply(r.id());
    refs.add(
        page == null
            ? "Record `" + r.id().value() + "`"
            : "<" + page + "|Record " + r.id().value() + ">");
    if (r.ticketKey() != null) {
      URI ticket = links.ticket().apply(r.ticketKey());
      refs.add(
          ticket == null
              ? "Ticket " + r.ticketKey()
              : "<" + ticket + "|Ticket " + r.ticketKey() + ">");
    }
    blocks.add(context(c -> c.elements(List.of(markdownText(cut(String.join("  ·  ", refs)))))));
    if (pending != null && buttons) {
      String id = r.id().value();
      List<BlockElement> elements =
          List.of(
              button(
                  b -> b.actionId(APPROVE).value(id).style("primary").text(plainText("Approve"))),
              button(b -> b.actionId(DENY).value(id).style("danger").text(plainText("Deny"))));
      blocks.add(actions(a -> a.blockId("access.decision").elements(elements)));
    }
    String text =
        headline + (pending != null && buttons ? " — approve or deny" : " — " + r.state().name());
    return new Rendered(cut(text), blocks);
  }

  /** Who decided what and when, newest last, from the timeline. */
  static String decisions(AccessRecord r) {
    StringBuilder b = new StringBuilder();
    for (EvidenceEvent e : r.timeline()) {
      @Nullable String verb =
          switch (e.type()) {
            case APPROVED -> "Approved";
            case DENIED -> "Denied";
            case EXTENDED -> "Extended";
            case REVOKED, REVIEW_REVOKED, RECLAIMED -> "Revoked";
            case EXPIRED -> "Expired";
            default -> null;
          };
      if (verb == null) {
        continue;
      }
      b.append(b.length() == 0 ? "" : "\n")
          .append(verb)
          .append(e.type() == EvidenceType.EXPIRED ? "" : " by " + escape(actorName(e.actor())))
          .append(" ")
          .append(date(e.time()));
      String why = e.detailText(EvidenceKeys.REASON);
      if (why != null && e.type() != EvidenceType.APPROVED) {
        b.append(": ").append(escape(why));
      }
    }
    return b.toString();
  }

  /** What became of a record that no longer waits, in a word. */
  static String outcome(AccessRecord r) {
    return switch (r.state()) {
      case PENDING_APPROVAL -> "requested";
      case DENIED -> "denied";
      case PROVISIONING, ACTIVE -> "approved";
      case DEPROVISIONING, REVOKED -> "revoked";
      case EXPIRED -> "expired";
      case FAILED -> "failed";
    };
  }

  /** A person's id as evidence names actors ({@code person:carol}) without the prefix. */
  static String actorName(String actor) {
    int colon = actor.indexOf(':');
    return colon >= 0 ? actor.substring(colon + 1) : actor;
  }

  /** A time as Slack shows it in the reader's zone, with UTC as the fallback text. */
  static String date(Instant t) {
    return "<!date^" + t.getEpochSecond() + "^{date_short_pretty} {time}|" + t + ">";
  }

  /** A duration as people say it: {@code 2 h}, {@code 30 min}, {@code 3 d}. */
  static String human(Duration d) {
    if (d.toDays() > 0 && d.toHours() % 24 == 0) {
      return d.toDays() + " d";
    }
    if (d.toHours() > 0 && d.toMinutes() % 60 == 0) {
      return d.toHours() + " h";
    }
    return d.toMinutes() + " min";
  }

  private static TextObject field(String label, String value) {
    return markdownText(cut("*" + label + "*\n" + escape(value)));
  }

  /** Slack's mrkdwn escapes: {@code &}, {@code <} and {@code >}, so text cannot forge links. */
  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  static String cut(String s) {
    return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
  }
}
