package dev.accessgov.google.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Renders the emulator's users, groups, members and errors in the shapes of the Directory API's
 * discovery document ({@code admin#directory#user}, {@code admin#directory#member}, ...).
 */
final class GoogleJson {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private GoogleJson() {}

  /** A user as the emulator keeps it; a null last login is Google's "never" (the epoch). */
  record EmuUser(
      String id,
      String primaryEmail,
      List<String> aliases,
      String customerId,
      boolean suspended,
      @Nullable Instant lastLogin) {}

  /** A group as the emulator keeps it. */
  record EmuGroup(String id, String email, List<String> aliases) {}

  static String user(EmuUser u) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "admin#directory#user");
    n.put("id", u.id());
    n.put("etag", "\"etag-" + u.id() + "\"");
    n.put("primaryEmail", u.primaryEmail());
    ObjectNode name = n.putObject("name");
    String local = u.primaryEmail().substring(0, u.primaryEmail().indexOf('@'));
    name.put("givenName", local).put("familyName", "Emulated").put("fullName", local + " Emulated");
    n.put("isAdmin", false);
    n.put("isDelegatedAdmin", false);
    // Google's "never signed in" is the epoch, not a missing field.
    n.put("lastLoginTime", (u.lastLogin() == null ? Instant.EPOCH : u.lastLogin()).toString());
    n.put("creationTime", "2025-01-02T03:04:05.000Z");
    n.put("agreedToTerms", true);
    n.put("suspended", u.suspended());
    n.put("archived", false);
    n.put("changePasswordAtNextLogin", false);
    n.put("ipWhitelisted", false);
    ArrayNode emails = n.putArray("emails");
    emails.addObject().put("address", u.primaryEmail()).put("primary", true);
    if (!u.aliases().isEmpty()) {
      ArrayNode aliases = n.putArray("aliases");
      u.aliases().forEach(aliases::add);
    }
    n.put("customerId", u.customerId());
    n.put("orgUnitPath", "/");
    n.put("isMailboxSetup", true);
    return n.toString();
  }

  static String group(EmuGroup g, int members) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "admin#directory#group");
    n.put("id", g.id());
    n.put("etag", "\"etag-" + g.id() + "\"");
    n.put("email", g.email());
    n.put("name", g.email().substring(0, g.email().indexOf('@')));
    n.put("directMembersCount", Integer.toString(members));
    n.put("description", "");
    n.put("adminCreated", true);
    if (!g.aliases().isEmpty()) {
      ArrayNode aliases = n.putArray("aliases");
      g.aliases().forEach(aliases::add);
    }
    return n.toString();
  }

  static ObjectNode member(EmuUser u) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "admin#directory#member");
    n.put("etag", "\"etag-m-" + u.id() + "\"");
    n.put("id", u.id());
    n.put("email", u.primaryEmail());
    n.put("role", "MEMBER");
    n.put("type", "USER");
    n.put("status", "ACTIVE");
    n.put("delivery_settings", "ALL_MAIL");
    return n;
  }

  /** A group as a member of another group: {@code type} GROUP. */
  static ObjectNode member(EmuGroup g) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "admin#directory#member");
    n.put("etag", "\"etag-m-" + g.id() + "\"");
    n.put("id", g.id());
    n.put("email", g.email());
    n.put("role", "MEMBER");
    n.put("type", "GROUP");
    n.put("status", "ACTIVE");
    return n;
  }

  static String members(List<ObjectNode> page, @Nullable String nextPageToken) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("kind", "admin#directory#members");
    n.put("etag", "\"etag-members\"");
    if (!page.isEmpty()) {
      ArrayNode members = n.putArray("members");
      page.forEach(members::add);
    }
    if (nextPageToken != null) {
      n.put("nextPageToken", nextPageToken);
    }
    return n.toString();
  }

  static String hasMember(boolean isMember) {
    return MAPPER.createObjectNode().put("isMember", isMember).toString();
  }

  /** Google's error body: {@code {"error":{"code","message","errors":[...],"status"}}}. */
  static String error(int code, String message, String reason, String domain) {
    ObjectNode n = MAPPER.createObjectNode();
    ObjectNode error = n.putObject("error");
    error.put("code", code);
    error.put("message", message);
    error
        .putArray("errors")
        .addObject()
        .put("message", message)
        .put("domain", domain)
        .put("reason", reason);
    error.put("status", status(code));
    return n.toString();
  }

  private static String status(int code) {
    return switch (code) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ALREADY_EXISTS";
      case 429 -> "RESOURCE_EXHAUSTED";
      case 503 -> "UNAVAILABLE";
      default -> "INTERNAL";
    };
  }
}
