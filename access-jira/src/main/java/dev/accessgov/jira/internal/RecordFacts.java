package dev.accessgov.jira.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.record.AccessRecord;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The facts of a record an issue shows, as JSON so they can wait in an outbox: id, subject, role,
 * requester, reason, times, state and the host's URL for it. Not API.
 */
public final class RecordFacts {
  private static final int SUMMARY_MAX = 255;

  private RecordFacts() {}

  /** The facts of {@code r}; {@code url} is the host's page for it, or null. */
  public static ObjectNode of(AccessRecord r, @Nullable String url) {
    ObjectNode f = JsonNodeFactory.instance.objectNode();
    f.put("recordId", r.id().value());
    f.put("subject", r.subject().value());
    f.put("role", r.roleId().value());
    f.put("requester", r.requester().value());
    f.put("reason", r.reason());
    f.put("requestedAt", r.requestedAt().toString());
    f.put("duration", r.duration() == null ? "open-ended" : r.duration().toString());
    f.put("state", r.state().name());
    if (url != null) {
      f.put("url", url);
    }
    return f;
  }

  /** The issue summary: role and subject, cut to Jira's 255 characters. */
  public static String summary(JsonNode f) {
    String s = "Access: " + f.path("role").asText() + " for " + f.path("subject").asText();
    return s.length() > SUMMARY_MAX ? s.substring(0, SUMMARY_MAX) : s;
  }

  /** The issue description in ADF. */
  public static ObjectNode description(JsonNode f) {
    List<List<ObjectNode>> items = new ArrayList<>();
    for (String k : List.of("subject", "role", "requester", "reason", "duration", "requestedAt")) {
      items.add(List.of(Adf.strong(k + ": "), Adf.text(f.path(k).asText())));
    }
    items.add(List.of(Adf.strong("record: "), Adf.code(f.path("recordId").asText())));
    return Adf.doc(
        List.of(
            Adf.paragraph(List.of(Adf.text("Access request mirrored from access-governance."))),
            Adf.bullets(items),
            Adf.paragraph(
                List.of(
                    Adf.text(
                        "The evidence chain is the source of truth. Approve or decline through the"
                            + " request's approvals; moving the status by hand approves nothing.")))));
  }
}
