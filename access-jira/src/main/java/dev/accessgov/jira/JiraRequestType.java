package dev.accessgov.jira;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessConfigurationException;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A Jira Service Management request type that is a front door to the catalog: which JSM request
 * type ids it covers, which issue fields hold the application, role, duration, subject and reason,
 * and the status a refused request is moved to. Given to {@link
 * JiraWebhookHandlerBuilder#requestType}; {@link JiraRequestTypeOptions} fills its select lists
 * from the catalog. Field ids are Jira field ids as the issue JSON names them ({@code
 * customfield_10101}, {@code description}); see the module README for the field types. Built with
 * {@link #builder()}; immutable.
 */
public final class JiraRequestType {

  /** The field id JSM Cloud sites usually give the "Request Type" field. */
  public static final String DEFAULT_REQUEST_TYPE_FIELD = "customfield_10010";

  private final Set<String> requestTypeIds;
  private final String requestTypeField;
  private final @Nullable String applicationField;
  private final String roleField;
  private final @Nullable String durationField;
  private final @Nullable String subjectField;
  private final String reasonField;
  private final String declinedStatus;

  private JiraRequestType(Builder b, String roleField) {
    this.requestTypeIds = Set.copyOf(b.ids);
    this.requestTypeField = b.requestTypeField;
    this.applicationField = b.applicationField;
    this.roleField = roleField;
    this.durationField = b.durationField;
    this.subjectField = b.subjectField;
    this.reasonField = b.reasonField;
    this.declinedStatus = b.declinedStatus;
  }

  /** The JSM request type ids (as in the portal URL, {@code .../create/<id>}). */
  public Set<String> requestTypeIds() {
    return requestTypeIds;
  }

  /** The issue field holding the request type (JSM's "Request Type" field). */
  public String requestTypeField() {
    return requestTypeField;
  }

  /** The select list naming the application, or null (the role option names it). */
  public @Nullable String applicationField() {
    return applicationField;
  }

  /** The select list naming the role as {@code "app / role"}. */
  public String roleField() {
    return roleField;
  }

  /** The select list (or text field) naming the duration, or null for the role's default. */
  public @Nullable String durationField() {
    return durationField;
  }

  /** The user picker naming who gets the access, or null for the reporter. */
  public @Nullable String subjectField() {
    return subjectField;
  }

  /** The text field giving the reason. */
  public String reasonField() {
    return reasonField;
  }

  /**
   * The transition (name or id), or the status it leads to, that a refused request moves through.
   */
  public String declinedStatus() {
    return declinedStatus;
  }

  @Override
  public String toString() {
    return "JiraRequestType[" + requestTypeIds + ", role " + roleField + "]";
  }

  /** A builder; {@code requestTypes(...)} and {@code roleField(...)} are required. */
  public static Builder builder() {
    return new Builder();
  }

  /** Builds a {@link JiraRequestType}. */
  public static final class Builder {
    private final Set<String> ids = new LinkedHashSet<>();
    private String requestTypeField = DEFAULT_REQUEST_TYPE_FIELD;
    private @Nullable String applicationField;
    private @Nullable String roleField;
    private @Nullable String durationField;
    private @Nullable String subjectField;
    private String reasonField = "description";
    private String declinedStatus = "Declined";

    private Builder() {}

    /** The JSM request type ids this configuration covers. Required; none blank. */
    public Builder requestTypes(String... ids) {
      for (String id : requireNonNull(ids, "ids")) {
        this.ids.add(field(id));
      }
      return this;
    }

    /**
     * The issue field holding the request type. Default: {@value #DEFAULT_REQUEST_TYPE_FIELD}; find
     * the id of the field named "Request Type" with {@code GET /rest/api/3/field}.
     */
    public Builder requestTypeField(String fieldId) {
      this.requestTypeField = field(fieldId);
      return this;
    }

    /** The select list naming the application. Default: none, the role option names it. */
    public Builder applicationField(String fieldId) {
      this.applicationField = field(fieldId);
      return this;
    }

    /** The select list naming the role as {@code "app / role"}. Required. */
    public Builder roleField(String fieldId) {
      this.roleField = field(fieldId);
      return this;
    }

    /**
     * The select list (or short text field) naming the duration, e.g. {@code "8 hours"}. Default:
     * none; every request gets the role's default duration.
     */
    public Builder durationField(String fieldId) {
      this.durationField = field(fieldId);
      return this;
    }

    /** The user picker naming who gets the access. Default: none; the reporter gets it. */
    public Builder subjectField(String fieldId) {
      this.subjectField = field(fieldId);
      return this;
    }

    /** The text field giving the reason. Default: {@code description}. */
    public Builder reasonField(String fieldId) {
      this.reasonField = field(fieldId);
      return this;
    }

    /**
     * The transition (by name or id) or target status a refused request moves through. Default:
     * {@code Declined}.
     */
    public Builder declinedStatus(String nameOrId) {
      this.declinedStatus = field(nameOrId);
      return this;
    }

    /**
     * Builds it.
     *
     * @throws AccessConfigurationException when no request type id or no role field was given
     */
    public JiraRequestType build() {
      if (ids.isEmpty() || roleField == null) {
        throw new AccessConfigurationException(
            "a JiraRequestType needs requestTypes(...) (the JSM request type ids) and roleField(...)"
                + " (the select list naming the role)");
      }
      return new JiraRequestType(this, roleField);
    }

    private static String field(String id) {
      requireNonNull(id, "id");
      if (id.isBlank()) {
        throw new AccessConfigurationException(
            "a Jira field id, request type id or status must not be blank");
      }
      return id.strip();
    }
  }
}
