package dev.accessgov.catalog;

import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.JustificationRule;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.PersonId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@link Catalog} as the plain maps and lists of a catalog document, every field written out
 * (approval, expiry and lifetime cap included, even where they are the tier's defaults), so that
 * reading the document back builds an equal catalog.
 */
final class CatalogWriter {
  private CatalogWriter() {}

  static Map<String, Object> document(Catalog catalog) {
    Map<String, Object> root = new LinkedHashMap<>();
    List<Object> apps = new ArrayList<>();
    for (Application app : catalog.applications()) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("id", app.id());
      a.put("name", app.name());
      a.put("owner", app.owner().value());
      List<Object> roles = new ArrayList<>();
      app.roles().forEach(r -> roles.add(role(r)));
      a.put("roles", roles);
      apps.add(a);
    }
    root.put("applications", apps);
    if (!catalog.defaultJustification().equals(JustificationRule.none())) {
      root.put("justification", justification(catalog.defaultJustification()));
    }
    if (!catalog.tierJustification().isEmpty()) {
      Map<String, Object> tiers = new LinkedHashMap<>();
      catalog.tierJustification().forEach((t, j) -> tiers.put(t.name(), justification(j)));
      root.put("tierJustification", tiers);
    }
    if (!catalog.sodRules().isEmpty()) {
      List<Object> rules = new ArrayList<>();
      for (SodRule rule : catalog.sodRules()) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", rule.name());
        r.put("roles", rule.roles().stream().map(RoleId::value).sorted().toList());
        r.put("action", rule.action().name());
        if (rule.extraStep() != null) {
          r.put("extraStep", step(rule.extraStep()));
        }
        rules.add(r);
      }
      root.put("sodRules", rules);
    }
    if (!catalog.birthrights().isEmpty()) {
      root.put("birthrights", catalog.birthrights().stream().map(BirthrightFiles::write).toList());
    }
    return root;
  }

  private static Map<String, Object> role(Role role) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("id", role.id().value());
    r.put("name", role.name());
    r.put("tier", role.tier().name());
    List<Object> groups = new ArrayList<>();
    for (GroupRef g : role.groups()) {
      Map<String, Object> group = new LinkedHashMap<>();
      group.put("provider", g.providerId());
      group.put("group", g.groupId());
      groups.add(group);
    }
    r.put("groups", groups);
    r.put("approval", role.approvalPolicy().steps().stream().map(CatalogWriter::step).toList());
    r.put("expiry", expiry(role.expiryPolicy()));
    if (role.maxLifetime() != null) {
      r.put("maxLifetime", role.maxLifetime().toString());
    }
    if (role.justification() != null) {
      r.put("justification", justification(role.justification()));
    }
    return r;
  }

  private static Map<String, Object> justification(JustificationRule rule) {
    Map<String, Object> j = new LinkedHashMap<>();
    j.put("minLength", rule.minLength());
    if (rule.ticketPattern() != null) {
      j.put("ticketPattern", rule.ticketPattern());
    }
    j.put("requireOpenTicket", rule.requireOpenTicket());
    return j;
  }

  private static Object expiry(ExpiryPolicy expiry) {
    if (expiry.equals(ExpiryPolicy.none())) {
      return "none";
    }
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("required", expiry.required());
    put(e, "minimum", expiry.minimum());
    put(e, "defaultDuration", expiry.defaultDuration());
    put(e, "maximum", expiry.maximum());
    return e;
  }

  private static void put(Map<String, Object> map, String key, @Nullable Duration d) {
    if (d != null) {
      map.put(key, d.toString());
    }
  }

  private static Object step(ApprovalStep step) {
    if (step instanceof ApprovalStep.Auto) {
      return "auto";
    }
    if (step instanceof ApprovalStep.Manager) {
      return "manager";
    }
    if (step instanceof ApprovalStep.AppOwner) {
      return "appOwner";
    }
    ApprovalStep.Named named = (ApprovalStep.Named) step;
    List<String> people = named.approvers().stream().map(PersonId::value).sorted().toList();
    Map<String, Object> s = new LinkedHashMap<>();
    if (named.quorum() == 1) {
      s.put("anyOf", people);
    } else {
      s.put("quorum", named.quorum());
      s.put("approvers", people);
    }
    return s;
  }
}
