package dev.accessgov.entra.emulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The emulated tenant's sign-in log, {@code GET /auditLogs/signIns} as "List signIns" documents it:
 * newest first; {@code $top} up to 999; {@code $filter} of clauses joined by {@code and} on {@code
 * userId}, {@code appId} ({@code eq}) and {@code createdDateTime} ({@code ge}, {@code le}, {@code
 * gt}, {@code lt}, {@code eq}), anything else {@code 400 BadRequest "Invalid filter clause"};
 * {@code @odata.nextLink} with a {@code $skiptoken} while more remain; and {@code 403
 * Authentication_RequestFromNonPremiumTenantOrB2CTenant} in a tenant without Entra ID P1/P2.
 */
final class GraphSignInLog {
  static final String PATH = "/auditLogs/signIns";
  private static final Pattern CLAUSE =
      Pattern.compile("(userId|appId) eq '((?:[^']|'')*)'|createdDateTime (ge|le|gt|lt|eq) (\\S+)");

  /** One sign-in as the log holds it. */
  record Entry(String id, String userId, String upn, String appId, Instant at) {}

  private final List<Entry> entries = new ArrayList<>();

  void clear() {
    entries.clear();
  }

  void add(String userId, String upn, String appId, Instant at) {
    entries.add(
        new Entry(
            String.format("00000000-5160-4000-8000-%012d", entries.size() + 1),
            userId,
            upn,
            appId,
            at));
  }

  Reply list(Map<String, String> query, boolean licensed, String base, String requestId) {
    if (!licensed) {
      return Reply.error(
          403,
          "Authentication_RequestFromNonPremiumTenantOrB2CTenant",
          "Neither tenant is B2C or tenant doesn't have premium license",
          requestId);
    }
    int top;
    try {
      top = Integer.parseInt(query.getOrDefault("$top", "1000"));
    } catch (NumberFormatException e) {
      top = -1;
    }
    if (top < 1 || top > 1000) {
      return Reply.error(400, "BadRequest", "Invalid $top value.", requestId);
    }
    List<Entry> found = new ArrayList<>(entries);
    String filter = query.get("$filter");
    if (filter != null) {
      for (String clause : filter.split(" and ")) {
        Matcher m = CLAUSE.matcher(clause.trim());
        if (!m.matches()) {
          return Reply.error(400, "BadRequest", "Invalid filter clause", requestId);
        }
        if (m.group(1) != null) {
          String value = m.group(2).replace("''", "'");
          boolean user = m.group(1).equals("userId");
          found.removeIf(e -> !(user ? e.userId() : e.appId()).equals(value));
        } else {
          Instant t;
          try {
            t = Instant.parse(m.group(4));
          } catch (DateTimeParseException e) {
            return Reply.error(400, "BadRequest", "Invalid filter clause", requestId);
          }
          String op = m.group(3);
          found.removeIf(e -> !compare(e.at(), op, t));
        }
      }
    }
    found.sort(Comparator.comparing(Entry::at).thenComparing(Entry::id).reversed());
    int from = 0;
    String skip = query.get("$skiptoken");
    if (skip != null) {
      from = -1;
      for (int i = 0; i < found.size(); i++) {
        if (found.get(i).id().equals(skip)) {
          from = i + 1;
        }
      }
      if (from < 0) {
        return Reply.error(400, "BadRequest", "Invalid skip token.", requestId);
      }
    }
    ObjectNode page = GraphJson.MAPPER.createObjectNode();
    page.put("@odata.context", base + "/$metadata#auditLogs/signIns");
    ArrayNode value = page.putArray("value");
    int to = Math.min(found.size(), from + top);
    for (Entry e : found.subList(from, to)) {
      value.add(json(e));
    }
    if (to < found.size()) {
      page.put(
          "@odata.nextLink",
          base
              + PATH
              + "?$top="
              + top
              + (filter == null
                  ? ""
                  : "&$filter="
                      + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20"))
              + "&$skiptoken="
              + found.get(to - 1).id());
    }
    return Reply.of(200, page);
  }

  private static boolean compare(Instant at, String op, Instant t) {
    int c = at.compareTo(t);
    return switch (op) {
      case "ge" -> c >= 0;
      case "le" -> c <= 0;
      case "gt" -> c > 0;
      case "lt" -> c < 0;
      default -> c == 0;
    };
  }

  private static ObjectNode json(Entry e) {
    ObjectNode n = GraphJson.MAPPER.createObjectNode();
    n.put("id", e.id());
    n.put("createdDateTime", e.at().toString());
    n.put("userDisplayName", e.upn());
    n.put("userPrincipalName", e.upn());
    n.put("userId", e.userId());
    n.put("appId", e.appId());
    n.put("appDisplayName", "Emulated app");
    n.put("ipAddress", "198.51.100.7");
    n.put("clientAppUsed", "Browser");
    n.put("correlationId", "00000000-c0c0-4000-8000-" + e.id().substring(24));
    n.put("conditionalAccessStatus", "notApplied");
    n.put("isInteractive", true);
    n.put("resourceDisplayName", "Emulated app");
    n.put("resourceId", e.appId());
    ObjectNode status = n.putObject("status");
    status.put("errorCode", 0);
    status.putNull("failureReason");
    status.putNull("additionalDetails");
    return n;
  }
}
