package dev.accessgov.jdbc.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.accessgov.catalog.RoleId;
import dev.accessgov.lifecycle.LifecycleEvent;
import dev.accessgov.lifecycle.LifecycleEventId;
import dev.accessgov.lifecycle.LifecycleTrigger;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.record.PersonId;
import dev.accessgov.review.CampaignSpec;
import dev.accessgov.review.DeadlineAction;
import dev.accessgov.review.ReviewScope;
import dev.accessgov.review.Reviewer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.StreamSupport;

/**
 * A {@link CampaignSpec} as a JSON object in the {@code ag_campaign.spec} column, every field
 * written out (no defaults filled in on reading), so a spec reads back equal to the one stored.
 * Instants and durations are ISO-8601 strings ({@link Instant#toString}, {@link
 * Duration#toString}), exact to the nanosecond; per-tier maps are objects keyed by tier name; sets
 * are sorted, so the text of equal specs is equal. Reviewer rules are {@code {"rule": "MANAGER"}},
 * {@code {"rule": "APP_OWNER"}} or {@code {"rule": "NAMED", "people": [...]}}. A spec requiring
 * explicit decisions on unmanaged items is written as format 2 with {@code
 * "explicitDecisionOnUnmanaged": true}, so that an older reader, which cannot honour it, refuses
 * it; every other spec stays format 1. Not API.
 */
final class SpecJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The layout written; a reader meeting a later one refuses it rather than guess. */
  private static final int FORMAT = 1;

  /** The layout of a spec with {@code explicitDecisionOnUnmanaged}, which format 1 cannot say. */
  private static final int FORMAT_UNMANAGED = 2;

  private SpecJson() {}

  static String write(CampaignSpec spec) {
    ObjectNode o = MAPPER.createObjectNode();
    o.put("format", spec.explicitDecisionOnUnmanaged() ? FORMAT_UNMANAGED : FORMAT);
    o.put("name", spec.name());
    o.put("owner", spec.owner().value());
    ObjectNode scope = o.putObject("scope");
    strings(scope.putArray("applications"), spec.scope().applications(), a -> a);
    strings(scope.putArray("roles"), spec.scope().roles(), RoleId::value);
    strings(scope.putArray("tiers"), spec.scope().tiers(), RiskTier::name);
    reviewers(o.putArray("reviewers"), spec.reviewers());
    o.put("start", spec.start() == null ? null : spec.start().toString());
    o.put("duration", spec.duration().toString());
    ArrayNode reminders = o.putArray("reminders");
    spec.reminders().forEach(d -> reminders.add(d.toString()));
    tiers(o.putObject("onDeadline"), spec.onDeadline(), DeadlineAction::name);
    reviewers(o.putArray("escalateTo"), spec.escalateTo());
    o.put("escalationWindow", spec.escalationWindow().toString());
    tiers(o.putObject("inactivity"), spec.inactivity(), Duration::toString);
    tiers(o.putObject("cadence"), spec.cadence(), Duration::toString);
    o.put("dueOnly", spec.dueOnly());
    LifecycleEvent event = spec.lifecycleEvent();
    if (event != null) {
      // Written only when present, so a spec without one reads back in older versions too.
      ObjectNode lifecycle = o.putObject("lifecycleEvent");
      lifecycle.put("id", event.id().value());
      lifecycle.put("trigger", event.trigger().name());
    }
    if (spec.explicitDecisionOnUnmanaged()) {
      o.put("explicitDecisionOnUnmanaged", true);
    }
    try {
      return MAPPER.writeValueAsString(o);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a campaign spec could not be written as JSON", e);
    }
  }

  static CampaignSpec read(String json) {
    JsonNode o;
    try {
      o = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a stored campaign spec is not valid JSON: " + json, e);
    }
    int format = o.path("format").asInt(-1);
    if (format != FORMAT && format != FORMAT_UNMANAGED) {
      throw new IllegalStateException(
          "a stored campaign spec has format "
              + format
              + "; this access-jdbc reads "
              + FORMAT
              + " and "
              + FORMAT_UNMANAGED);
    }
    JsonNode scope = o.get("scope");
    JsonNode start = o.get("start");
    JsonNode lifecycle = o.get("lifecycleEvent");
    return new CampaignSpec(
        o.get("name").asText(),
        PersonId.of(o.get("owner").asText()),
        new ReviewScope(
            set(scope.get("applications"), s -> s),
            set(scope.get("roles"), RoleId::of),
            set(scope.get("tiers"), RiskTier::valueOf)),
        reviewers(o.get("reviewers")),
        start == null || start.isNull() ? null : Instant.parse(start.asText()),
        Duration.parse(o.get("duration").asText()),
        texts(o.get("reminders")).stream().map(Duration::parse).toList(),
        tiers(o.get("onDeadline"), DeadlineAction::valueOf),
        reviewers(o.get("escalateTo")),
        Duration.parse(o.get("escalationWindow").asText()),
        tiers(o.get("inactivity"), Duration::parse),
        tiers(o.get("cadence"), Duration::parse),
        o.get("dueOnly").asBoolean(),
        lifecycle == null || lifecycle.isNull()
            ? null
            : new LifecycleEvent(
                LifecycleEventId.of(lifecycle.get("id").asText()),
                LifecycleTrigger.valueOf(lifecycle.get("trigger").asText())),
        o.path("explicitDecisionOnUnmanaged").asBoolean(false));
  }

  private static <T> void strings(ArrayNode into, Collection<T> values, Function<T, String> text) {
    values.stream().map(text).sorted().forEach(into::add);
  }

  private static void reviewers(ArrayNode into, List<Reviewer> rules) {
    for (Reviewer rule : rules) {
      ObjectNode r = into.addObject();
      if (rule instanceof Reviewer.Named n) {
        r.put("rule", "NAMED");
        ArrayNode people = r.putArray("people");
        n.people().forEach(p -> people.add(p.value()));
      } else if (rule instanceof Reviewer.Manager) {
        r.put("rule", "MANAGER");
      } else if (rule instanceof Reviewer.AppOwner) {
        r.put("rule", "APP_OWNER");
      } else {
        throw new IllegalStateException("no JSON form for reviewer rule " + rule);
      }
    }
  }

  private static List<Reviewer> reviewers(JsonNode array) {
    List<Reviewer> rules = new ArrayList<>();
    for (JsonNode r : array) {
      String rule = r.get("rule").asText();
      rules.add(
          switch (rule) {
            case "MANAGER" -> new Reviewer.Manager();
            case "APP_OWNER" -> new Reviewer.AppOwner();
            case "NAMED" ->
                new Reviewer.Named(texts(r.get("people")).stream().map(PersonId::of).toList());
            default -> throw new IllegalStateException("unknown reviewer rule '" + rule + "'");
          });
    }
    return rules;
  }

  private static <V> void tiers(ObjectNode into, Map<RiskTier, V> map, Function<V, String> text) {
    for (RiskTier tier : RiskTier.values()) {
      V value = map.get(tier);
      if (value != null) {
        into.put(tier.name(), text.apply(value));
      }
    }
  }

  private static <V> Map<RiskTier, V> tiers(JsonNode object, Function<String, V> parse) {
    Map<RiskTier, V> map = new EnumMap<>(RiskTier.class);
    object
        .properties()
        .forEach(e -> map.put(RiskTier.valueOf(e.getKey()), parse.apply(e.getValue().asText())));
    return map;
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static <T> Set<T> set(JsonNode array, Function<String, T> parse) {
    Set<T> set = new HashSet<>();
    texts(array).forEach(t -> set.add(parse.apply(t)));
    return set;
  }
}
