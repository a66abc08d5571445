package dev.accessgov.jira.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Reads a JSM request's answers from the issue JSON of a webhook. Custom fields arrive as Jira's
 * REST representation: a select list as an option object {@code {"self", "value", "id"}}, a
 * cascading select with a {@code "child"} option, a multi-select as an array of options, a user
 * picker as a user object with {@code accountId}, a text field as a string, and a rich-text field
 * either as a string or as an ADF document. Not API.
 */
public final class IntakeFields {
  private IntakeFields() {}

  /**
   * What a request asks for, or why it cannot be read.
   *
   * @param role the role, or null when {@code problem} says why not
   * @param duration the requested duration, or null for the role's default
   * @param reason the requester's reason (never blank when {@code problem} is null)
   * @param subjectAccount the Atlassian account id of the subject field, or null for the reporter
   * @param problem why the request cannot be read, or null
   */
  public record Request(
      @Nullable Role role,
      @Nullable Duration duration,
      String reason,
      @Nullable String subjectAccount,
      @Nullable String problem) {
    static Request refused(String problem) {
      return new Request(null, null, "", null, problem);
    }
  }

  /**
   * The request type id an issue's request type field names: {@code requestType.id} of JSM's
   * object, or the field's text; empty when the issue has none.
   */
  public static String requestTypeId(JsonNode fields, String requestTypeField) {
    JsonNode v = fields.path(requestTypeField);
    if (v.isTextual()) {
      return v.asText();
    }
    JsonNode id = v.path("requestType").path("id");
    return id.isValueNode() ? id.asText() : v.path("id").asText("");
  }

  /**
   * Reads the request's role, duration, subject and reason.
   *
   * @param applicationField the application select list, or null
   * @param durationField the duration field, or null
   * @param subjectField the subject user picker, or null
   */
  public static Request read(
      Catalog catalog,
      JsonNode fields,
      @Nullable String applicationField,
      String roleField,
      @Nullable String durationField,
      @Nullable String subjectField,
      String reasonField) {
    String roleText = optionValue(fields.path(roleField));
    if (roleText == null) {
      return Request.refused("the request names no role (field " + roleField + " is empty)");
    }
    Optional<Role> role = CatalogOptions.role(catalog, roleText);
    if (role.isEmpty()) {
      return Request.refused(
          "the role '"
              + shorten(roleText)
              + "' is not in the catalog; sanctioned roles are "
              + shorten(String.join(", ", CatalogOptions.roleLabels(catalog))));
    }
    if (applicationField != null) {
      String appText = optionValue(fields.path(applicationField));
      if (appText != null) {
        Optional<Application> app = CatalogOptions.application(catalog, appText);
        if (app.isEmpty()) {
          return Request.refused(
              "the application '" + shorten(appText) + "' is not in the catalog");
        }
        if (!app.get().id().equals(role.get().applicationId())) {
          return Request.refused(
              "the role '"
                  + CatalogOptions.roleLabel(role.get())
                  + "' is not a role of the application '"
                  + app.get().id()
                  + "'");
        }
      }
    }
    Duration duration = null;
    if (durationField != null) {
      String text = optionValue(fields.path(durationField));
      if (text != null) {
        duration = CatalogOptions.parseDuration(text);
        if (duration == null) {
          return Request.refused(
              "the duration '"
                  + shorten(text)
                  + "' is not one this service reads; choose one such as '8 hours' or '7 days'");
        }
      }
    }
    String subject = null;
    if (subjectField != null) {
      JsonNode user = fields.path(subjectField);
      if (user.isArray() && user.size() == 1) {
        user = user.get(0);
      }
      if (user.isObject()) {
        subject = user.path("accountId").asText(null);
        if (subject == null || subject.isBlank()) {
          return Request.refused(
              "the person the access is for (field " + subjectField + ") has no Jira account id");
        }
      } else if (!user.isMissingNode() && !user.isNull()) {
        return Request.refused("the field " + subjectField + " must name one person");
      }
    }
    String reason = text(fields.path(reasonField));
    if (reason.isBlank()) {
      return Request.refused("the request gives no reason (field " + reasonField + " is empty)");
    }
    return new Request(role.get(), duration, reason, subject, null);
  }

  /**
   * The value a select list, cascading select, single-element multi-select, text or number field
   * holds, stripped; null when the field is empty, missing or holds more than one choice.
   */
  static @Nullable String optionValue(JsonNode v) {
    if (v.isArray()) {
      return v.size() == 1 ? optionValue(v.get(0)) : null;
    }
    String out = null;
    if (v.isTextual() || v.isNumber()) {
      out = v.asText();
    } else if (v.isObject() && v.path("value").isValueNode()) {
      out = v.path("value").asText();
      String child = optionValue(v.path("child"));
      if (child != null) {
        out = out + " / " + child;
      }
    } else if (v.isObject() && "doc".equals(v.path("type").asText())) {
      out = Adf.plainText(v);
    }
    return out == null || out.isBlank() ? null : out.strip();
  }

  /** A text field's text: a string, or an ADF document's plain text; empty when missing. */
  static String text(JsonNode v) {
    if (v.isTextual()) {
      return v.asText().strip();
    }
    if (v.isObject() && "doc".equals(v.path("type").asText())) {
      return Adf.plainText(v).strip();
    }
    String option = optionValue(v);
    return option == null ? "" : option;
  }

  /** Text from a request cut for a comment: what the requester wrote is shown, not all of it. */
  static String shorten(String s) {
    String one = s.replaceAll("\\p{Cntrl}", " ");
    return one.length() > 200 ? one.substring(0, 200) + "…" : one;
  }
}
