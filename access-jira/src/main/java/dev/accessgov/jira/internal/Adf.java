package dev.accessgov.jira.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * Builds the small subset of Atlassian Document Format this module writes: a {@code doc} of
 * paragraphs and bullet lists holding text with {@code strong} and {@code code} marks. Text nodes
 * are never empty (Jira refuses them). Not API.
 */
public final class Adf {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Adf() {}

  /** A version-1 document of the given block nodes. */
  public static ObjectNode doc(List<ObjectNode> blocks) {
    ObjectNode doc = F.objectNode().put("type", "doc").put("version", 1);
    ArrayNode content = doc.putArray("content");
    blocks.forEach(content::add);
    return doc;
  }

  /** A paragraph of inline nodes. */
  public static ObjectNode paragraph(List<ObjectNode> inlines) {
    ObjectNode p = F.objectNode().put("type", "paragraph");
    ArrayNode content = p.putArray("content");
    inlines.stream().filter(n -> n != null).forEach(content::add);
    return p;
  }

  /** A bullet list, one paragraph per item. */
  public static ObjectNode bullets(List<List<ObjectNode>> items) {
    ObjectNode list = F.objectNode().put("type", "bulletList");
    ArrayNode content = list.putArray("content");
    for (List<ObjectNode> item : items) {
      ObjectNode li = F.objectNode().put("type", "listItem");
      li.putArray("content").add(paragraph(item));
      content.add(li);
    }
    return list;
  }

  /** Plain text; blank text becomes a single space-free placeholder so the node stays valid. */
  public static ObjectNode text(String text) {
    return F.objectNode().put("type", "text").put("text", text.isEmpty() ? "-" : text);
  }

  /** Bold text. */
  public static ObjectNode strong(String text) {
    return marked(text, "strong");
  }

  /** Inline code. */
  public static ObjectNode code(String text) {
    return marked(text, "code");
  }

  private static ObjectNode marked(String text, String mark) {
    ObjectNode node = text(text);
    node.putArray("marks").addObject().put("type", mark);
    return node;
  }

  /** All text of a document, in order, each text node followed by nothing (concatenated). */
  public static String plainText(JsonNode node) {
    StringBuilder out = new StringBuilder();
    collect(node, out);
    return out.toString();
  }

  private static void collect(JsonNode node, StringBuilder out) {
    if ("text".equals(node.path("type").asText()) && node.path("text").isTextual()) {
      out.append(node.path("text").asText());
    }
    for (JsonNode child : node.path("content")) {
      collect(child, out);
    }
    if ("paragraph".equals(node.path("type").asText())) {
      out.append('\n');
    }
  }
}
