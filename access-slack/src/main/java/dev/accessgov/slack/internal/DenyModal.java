package dev.accessgov.slack.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.accessgov.record.AccessRecord;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The modal Deny opens ({@code callback_id} {@value #CALLBACK_ID}) to ask for a reason. Its {@code
 * private_metadata} carries the record id and the clicked message's channel and ts, so that the
 * submission can deny the right record and update the right message. Not API.
 */
public final class DenyModal {
  /** The modal's callback id. */
  public static final String CALLBACK_ID = "access.deny_reason";

  /** The reason input's block id. */
  public static final String REASON_BLOCK = "reason";

  /** The reason input's action id. */
  public static final String REASON_ACTION = "access.deny.reason";

  private static final ObjectMapper JSON = new ObjectMapper();

  private DenyModal() {}

  /** Where a deny-reason modal came from. */
  public record Origin(String record, @Nullable String channel, @Nullable String ts) {}

  /** The modal for denying {@code r}, clicked in {@code channel}/{@code ts}. */
  public static View view(AccessRecord r, @Nullable String channel, @Nullable String ts) {
    String metadata;
    try {
      metadata =
          JSON.writeValueAsString(
              new java.util.TreeMap<>(
                  Map.of(
                      "record", r.id().value(),
                      "channel", channel == null ? "" : channel,
                      "ts", ts == null ? "" : ts)));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the deny modal's metadata", e);
    }
    List<LayoutBlock> blocks =
        List.of(
            SectionBlock.builder()
                .text(
                    MarkdownTextObject.builder()
                        .text(
                            "Deny *"
                                + Mrkdwn.escape(r.roleId().value())
                                + "* for "
                                + Mrkdwn.escape(r.subject().value())
                                + " (requested by "
                                + Mrkdwn.escape(r.requester().value())
                                + ")? The requester sees your reason.")
                        .build())
                .build(),
            InputBlock.builder()
                .blockId(REASON_BLOCK)
                .label(RequestModal.plain("Reason"))
                .element(
                    PlainTextInputElement.builder()
                        .actionId(REASON_ACTION)
                        .multiline(true)
                        .maxLength(RequestModal.MAX_REASON)
                        .build())
                .build());
    return View.builder()
        .type("modal")
        .callbackId(CALLBACK_ID)
        .privateMetadata(metadata)
        .title(ViewTitle.builder().type("plain_text").text("Deny request").build())
        .submit(ViewSubmit.builder().type("plain_text").text("Deny").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .blocks(blocks)
        .build();
  }

  /** Reads the metadata back; null when it is not this modal's. */
  public static @Nullable Origin origin(@Nullable String metadata) {
    if (metadata == null || metadata.isBlank()) {
      return null;
    }
    try {
      JsonNode n = JSON.readTree(metadata);
      String record = n.path("record").asText("");
      if (record.isBlank()) {
        return null;
      }
      String channel = n.path("channel").asText("");
      String ts = n.path("ts").asText("");
      return new Origin(record, channel.isEmpty() ? null : channel, ts.isEmpty() ? null : ts);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  /** The typed reason, or null. */
  public static @Nullable String reason(@Nullable ViewState state) {
    if (state == null || state.getValues() == null) {
      return null;
    }
    Map<String, ViewState.Value> block = state.getValues().get(REASON_BLOCK);
    ViewState.Value v = block == null ? null : block.get(REASON_ACTION);
    return v == null ? null : v.getValue();
  }
}
