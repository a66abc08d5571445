package dev.accessgov.slack.internal;

import static java.util.Objects.requireNonNull;

import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.StaticSelectElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import dev.accessgov.InputLimits;
import dev.accessgov.InvalidRequestException;
import dev.accessgov.PolicyViolationException;
import dev.accessgov.catalog.Application;
import dev.accessgov.catalog.Catalog;
import dev.accessgov.catalog.Role;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.policy.ExpiryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The request modal ({@code callback_id} {@value #CALLBACK_ID}), built from the catalog: an
 * application, then a role of that application (the role list follows the chosen application
 * through {@code views.update}), then a duration within the role's window, then a reason; and the
 * reading of a submitted one into a request or per-field errors. Not API.
 */
public final class RequestModal {
  /** The modal's callback id. */
  public static final String CALLBACK_ID = "access.request_modal";

  /** The application select; dispatches a block action so the roles can follow. */
  public static final String APP_ACTION = "access.request.app";

  /** The role select; dispatches a block action so the durations can follow. */
  public static final String ROLE_ACTION = "access.request.role";

  /** The duration select. */
  public static final String DURATION_ACTION = "access.request.duration";

  /** The reason input. */
  public static final String REASON_ACTION = "access.request.reason";

  /** Slack's limit on a static select's options. */
  static final int MAX_OPTIONS = 100;

  /** Slack's limit on a plain-text input. */
  static final int MAX_REASON = 3000;

  private final Catalog catalog;

  /** A modal over {@code catalog}. */
  public RequestModal(Catalog catalog) {
    this.catalog = requireNonNull(catalog, "catalog");
  }

  /**
   * The modal with {@code appId} and {@code roleId} chosen (each may be null), and {@code reason}
   * typed so far.
   */
  public View view(@Nullable String appId, @Nullable RoleId roleId, @Nullable String reason) {
    Application app = appId == null ? null : catalog.application(appId).orElse(null);
    Role role = null;
    if (app != null && roleId != null) {
      role = app.roles().stream().filter(r -> r.id().equals(roleId)).findFirst().orElse(null);
    }
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        SectionBlock.builder()
            .text(
                MarkdownTextObject.builder()
                    .text(
                        "Request access to a sanctioned application. Approvers see your reason;"
                            + " the decision and its evidence are recorded.")
                    .build())
            .build());
    List<OptionObject> apps = new ArrayList<>();
    for (Application a : catalog.applications()) {
      apps.add(option(a.name(), a.id()));
    }
    blocks.add(
        InputBlock.builder()
            .blockId("app")
            .dispatchAction(true)
            .label(plain("Application"))
            .element(
                select(APP_ACTION, "Choose an application", apps, app == null ? null : app.id()))
            .build());
    if (app != null) {
      List<OptionObject> roles = new ArrayList<>();
      for (Role r : app.roles()) {
        roles.add(option(r.name() + " (" + r.tier() + ")", r.id().value()));
      }
      blocks.add(
          InputBlock.builder()
              .blockId(roleBlock(app.id()))
              .dispatchAction(true)
              .label(plain("Role in " + app.name()))
              .element(
                  select(
                      ROLE_ACTION, "Choose a role", roles, role == null ? null : role.id().value()))
              .build());
    }
    if (role != null) {
      ExpiryPolicy expiry = role.expiryPolicy();
      boolean optional = expiry.defaultDuration() != null || expiry.allowsOpenEnded();
      blocks.add(
          InputBlock.builder()
              .blockId(durationBlock(role.id()))
              .optional(optional)
              .label(plain("How long"))
              .hint(plain(durationHint(expiry)))
              .element(select(DURATION_ACTION, "Choose a duration", durations(expiry), null))
              .build());
    }
    PlainTextInputElement.PlainTextInputElementBuilder reasonInput =
        PlainTextInputElement.builder()
            .actionId(REASON_ACTION)
            .multiline(true)
            .maxLength(MAX_REASON)
            .placeholder(plain("Why you need it; approvers read this"));
    if (reason != null && !reason.isBlank()) {
      reasonInput.initialValue(reason);
    }
    blocks.add(
        InputBlock.builder()
            .blockId("reason")
            .label(plain("Reason"))
            .element(reasonInput.build())
            .build());
    return View.builder()
        .type("modal")
        .callbackId(CALLBACK_ID)
        .title(ViewTitle.builder().type("plain_text").text("Request access").build())
        .submit(ViewSubmit.builder().type("plain_text").text("Request").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .blocks(blocks)
        .build();
  }

  /**
   * The modal again after a selection changed in {@code submitted}: roles follow the chosen
   * application, durations the chosen role; a role of another application is dropped.
   */
  public View refreshed(@Nullable ViewState state) {
    Choices c = choices(state);
    return view(c.appId(), c.roleId(), c.reason());
  }

  /** A request read from a submitted modal, or the errors to show by block id. */
  public sealed interface Reading {}

  /** Everything checked that can be checked here; the service checks the rest. */
  public record Draft(RoleId role, @Nullable Duration duration, String reason) implements Reading {}

  /** Per-block errors, shown inline; nothing is requested. */
  public record Errors(Map<String, String> byBlock) implements Reading {
    /** Copies the map. */
    public Errors {
      byBlock = Map.copyOf(byBlock);
    }
  }

  /** Reads and checks a submitted modal's state. */
  public Reading read(@Nullable ViewState state) {
    Choices c = choices(state);
    Map<String, String> errors = new LinkedHashMap<>();
    Application app = c.appId() == null ? null : catalog.application(c.appId()).orElse(null);
    if (app == null) {
      errors.put("app", "Choose an application from the list.");
      return new Errors(errors);
    }
    String roleBlock = c.roleBlock() != null ? c.roleBlock() : roleBlock(app.id());
    Role role =
        c.roleId() == null
            ? null
            : app.roles().stream().filter(r -> r.id().equals(c.roleId())).findFirst().orElse(null);
    if (role == null) {
      errors.put(roleBlock, "Choose a role of " + app.name() + ".");
    }
    Duration duration = null;
    if (role != null && c.duration() != null) {
      try {
        duration = Duration.parse(c.duration());
        role.expiryPolicy().resolve(Optional.of(duration), "role " + role.id());
      } catch (java.time.format.DateTimeParseException | PolicyViolationException e) {
        errors.put(
            c.durationBlock() != null ? c.durationBlock() : durationBlock(role.id()),
            "Choose a duration within " + role.expiryPolicy().bounds() + ".");
      }
    } else if (role != null) {
      try {
        role.expiryPolicy().resolve(Optional.empty(), "role " + role.id());
      } catch (PolicyViolationException e) {
        errors.put(durationBlock(role.id()), "Choose how long you need it.");
      }
    }
    String reason = c.reason();
    try {
      reason = InputLimits.defaults().text(reason, "reason");
    } catch (InvalidRequestException e) {
      errors.put("reason", "Say why you need it (plain text, not blank).");
    }
    if (!errors.isEmpty() || role == null || reason == null) {
      return new Errors(errors);
    }
    return new Draft(role.id(), duration, reason);
  }

  private record Choices(
      @Nullable String appId,
      @Nullable RoleId roleId,
      @Nullable String roleBlock,
      @Nullable String duration,
      @Nullable String durationBlock,
      @Nullable String reason) {}

  private static Choices choices(@Nullable ViewState state) {
    String appId = null;
    String role = null;
    String roleBlock = null;
    String duration = null;
    String durationBlock = null;
    String reason = null;
    if (state != null && state.getValues() != null) {
      for (Map.Entry<String, Map<String, ViewState.Value>> block : state.getValues().entrySet()) {
        for (Map.Entry<String, ViewState.Value> action : block.getValue().entrySet()) {
          ViewState.Value v = action.getValue();
          String selected =
              v == null || v.getSelectedOption() == null ? null : v.getSelectedOption().getValue();
          switch (action.getKey()) {
            case APP_ACTION -> appId = selected;
            case ROLE_ACTION -> {
              role = selected;
              roleBlock = block.getKey();
            }
            case DURATION_ACTION -> {
              duration = selected;
              durationBlock = block.getKey();
            }
            case REASON_ACTION -> reason = v == null ? null : v.getValue();
            default -> {}
          }
        }
      }
    }
    RoleId roleId = null;
    if (role != null) {
      try {
        roleId = RoleId.of(role);
      } catch (RuntimeException e) {
        roleId = null;
      }
    }
    // A role block left from another application is not a choice in this one.
    if (roleBlock != null && appId != null && !roleBlock.equals(roleBlock(appId))) {
      roleId = null;
      roleBlock = null;
    }
    if (durationBlock != null && (roleId == null || !durationBlock.equals(durationBlock(roleId)))) {
      duration = null;
      durationBlock = null;
    }
    return new Choices(appId, roleId, roleBlock, duration, durationBlock, reason);
  }

  /** The role block's id for an application: a new id per application resets the selection. */
  static String roleBlock(String appId) {
    return "role-" + Integer.toHexString(appId.hashCode());
  }

  /** The duration block's id for a role, so that the choice resets when the role changes. */
  static String durationBlock(RoleId roleId) {
    return "duration-" + Integer.toHexString(roleId.value().hashCode());
  }

  /** The durations offered: common steps within the role's bounds, and its default. */
  static List<OptionObject> durations(ExpiryPolicy expiry) {
    List<Duration> offered = expiry.offeredDurations();
    List<OptionObject> options = new ArrayList<>();
    for (Duration d : offered) {
      if (options.size() < MAX_OPTIONS) {
        options.add(option(Durations.human(d), d.toString()));
      }
    }
    return options;
  }

  private static String durationHint(ExpiryPolicy expiry) {
    if (expiry.defaultDuration() != null) {
      return "Leave empty for " + Durations.human(expiry.defaultDuration()) + ".";
    }
    return expiry.allowsOpenEnded()
        ? "Leave empty for access with no end date."
        : "Access through this role must end.";
  }

  private static StaticSelectElement select(
      String actionId, String placeholder, List<OptionObject> options, @Nullable String initial) {
    List<OptionObject> shown =
        options.size() > MAX_OPTIONS ? options.subList(0, MAX_OPTIONS) : options;
    StaticSelectElement.StaticSelectElementBuilder b =
        StaticSelectElement.builder()
            .actionId(actionId)
            .placeholder(plain(placeholder))
            .options(List.copyOf(shown));
    if (initial != null) {
      shown.stream()
          .filter(o -> initial.equals(o.getValue()))
          .findFirst()
          .ifPresent(b::initialOption);
    }
    return b.build();
  }

  static OptionObject option(String text, String value) {
    return OptionObject.builder().text(plain(clip(text, 75))).value(value).build();
  }

  static PlainTextObject plain(String text) {
    return PlainTextObject.builder().text(text).build();
  }

  private static String clip(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 1) + "…";
  }
}
