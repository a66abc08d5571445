package dev.accessgov.jira.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an Atlassian Document Format document against the rules of the ADF schema (v1) for the
 * nodes and marks it allows: a {@code doc} of version 1 holding block nodes; paragraphs holding
 * inline nodes; lists holding list items; non-empty text; known marks, {@code code} combined with
 * nothing but {@code link}; no unknown keys. The trimmed OpenAPI document types ADF as "any", so
 * this is what checks the bodies we send.
 */
public final class AdfChecker {
  private static final Set<String> BLOCK =
      Set.of(
          "paragraph",
          "bulletList",
          "orderedList",
          "heading",
          "codeBlock",
          "rule",
          "blockquote",
          "panel");
  private static final Set<String> INLINE =
      Set.of("text", "hardBreak", "mention", "emoji", "inlineCard");
  private static final Set<String> MARKS =
      Set.of("strong", "em", "code", "link", "strike", "underline", "subsup", "textColor");
  private static final Map<String, Set<String>> KEYS =
      Map.of(
          "doc", Set.of("type", "version", "content"),
          "text", Set.of("type", "text", "marks"),
          "hardBreak", Set.of("type", "attrs"));
  private static final Set<String> DEFAULT_KEYS = Set.of("type", "content", "attrs", "marks");

  private AdfChecker() {}

  /** Every rule the document breaks, one line each; empty when it is valid ADF. */
  public static List<String> problems(JsonNode doc) {
    List<String> out = new ArrayList<>();
    if (!"doc".equals(doc.path("type").asText()) || doc.path("version").asInt() != 1) {
      out.add("root must be {type: doc, version: 1}");
    }
    keys(doc, "doc", out);
    if (!doc.path("content").isArray()) {
      out.add("doc.content must be an array");
      return out;
    }
    for (JsonNode block : doc.path("content")) {
      block(block, out, "doc");
    }
    return out;
  }

  private static void block(JsonNode node, List<String> out, String where) {
    String type = node.path("type").asText();
    if (!BLOCK.contains(type)) {
      out.add(where + ": '" + type + "' is not a block node");
      return;
    }
    keys(node, type, out);
    switch (type) {
      case "paragraph", "heading" -> node.path("content").forEach(n -> inline(n, out, type));
      case "bulletList", "orderedList" -> {
        if (node.path("content").isEmpty()) {
          out.add(type + " must hold at least one listItem");
        }
        for (JsonNode item : node.path("content")) {
          if (!"listItem".equals(item.path("type").asText())) {
            out.add(type + " may hold only listItem, not " + item.path("type"));
            continue;
          }
          keys(item, "listItem", out);
          item.path("content").forEach(n -> block(n, out, "listItem"));
        }
      }
      case "codeBlock" ->
          node.path("content")
              .forEach(
                  t -> {
                    if (t.has("marks")) {
                      out.add("codeBlock text must not have marks");
                    }
                  });
      default -> node.path("content").forEach(n -> block(n, out, type));
    }
  }

  private static void inline(JsonNode node, List<String> out, String where) {
    String type = node.path("type").asText();
    if (!INLINE.contains(type)) {
      out.add(where + ": '" + type + "' is not an inline node");
      return;
    }
    keys(node, type, out);
    if (type.equals("text")) {
      if (!node.path("text").isTextual() || node.path("text").asText().isEmpty()) {
        out.add("text nodes must have non-empty text");
      }
      List<String> marks = new ArrayList<>();
      for (JsonNode mark : node.path("marks")) {
        String m = mark.path("type").asText();
        if (!MARKS.contains(m)) {
          out.add("unknown mark '" + m + "'");
        }
        if (m.equals("link") && !mark.path("attrs").path("href").isTextual()) {
          out.add("link mark needs attrs.href");
        }
        marks.add(m);
      }
      if (marks.contains("code")
          && marks.stream().anyMatch(m -> !m.equals("code") && !m.equals("link"))) {
        out.add("code mark combines only with link, not " + marks);
      }
    }
  }

  private static void keys(JsonNode node, String type, List<String> out) {
    Set<String> allowed = KEYS.getOrDefault(type, DEFAULT_KEYS);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String k = it.next();
      if (!allowed.contains(k)) {
        out.add(type + " has unknown key '" + k + "'");
      }
    }
  }
}
