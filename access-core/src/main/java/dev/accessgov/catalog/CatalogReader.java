package dev.accessgov.catalog;

import dev.accessgov.AccessException;
import dev.accessgov.catalog.CatalogNode.Kind;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import dev.accessgov.policy.ExpiryPolicy;
import dev.accessgov.policy.JustificationRule;
import dev.accessgov.policy.RiskTier;
import dev.accessgov.policy.SodRule;
import dev.accessgov.record.PersonId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Turns a parsed catalog document into a {@link Catalog} through the same builders Java code uses,
 * reporting each mistake at the line of the element that holds it. The keys are the names of the
 * builders' setters and the records' components.
 */
final class CatalogReader {
  static final List<String> ROOT_KEYS =
      List.of("applications", "sodRules", "justification", "tierJustification", "birthrights");
  static final List<String> APPLICATION_KEYS = List.of("id", "name", "owner", "roles");
  static final List<String> ROLE_KEYS =
      List.of("id", "name", "groups", "tier", "approval", "expiry", "maxLifetime", "justification");
  static final List<String> JUSTIFICATION_KEYS =
      List.of("minLength", "ticketPattern", "requireOpenTicket");
  static final List<String> GROUP_KEYS = List.of("provider", "group");
  static final List<String> EXPIRY_KEYS =
      List.of("required", "minimum", "defaultDuration", "maximum");
  static final List<String> SOD_KEYS = List.of("name", "roles", "action", "extraStep");
  static final List<String> STEP_NAMES = List.of("auto", "manager", "appOwner");

  private final CatalogValues values;

  CatalogReader(String source) {
    this.values = new CatalogValues(source);
  }

  Catalog catalog(CatalogNode root) {
    values.map(root, "the catalog", ROOT_KEYS);
    Catalog.Builder catalog = Catalog.builder();
    Map<RoleId, CatalogNode> roleNodes = new HashMap<>();
    Map<String, CatalogNode> appNodes = new HashMap<>();
    for (CatalogNode app :
        values.list(values.required(root, "applications", "the catalog"), "applications")) {
      Application application = application(app, roleNodes);
      CatalogNode earlier = appNodes.putIfAbsent(application.id(), app);
      if (earlier != null) {
        throw values.fail(
            app,
            "application "
                + application.id()
                + " is defined twice (first at line "
                + earlier.line
                + "); application ids must be unique");
      }
      at(app, () -> catalog.application(application));
    }
    CatalogNode justification = root.entries().get("justification");
    if (justification != null) {
      catalog.justification(justification(justification, "the catalog"));
    }
    CatalogNode tiers = root.entries().get("tierJustification");
    if (tiers != null) {
      values.map(tiers, "tierJustification", List.of(tierNames()));
      for (Map.Entry<String, CatalogNode> e : tiers.entries().entrySet()) {
        RiskTier tier = RiskTier.valueOf(e.getKey());
        catalog.justification(tier, justification(e.getValue(), "tier " + tier));
      }
    }
    CatalogNode rules = root.entries().get("sodRules");
    if (rules != null) {
      for (CatalogNode rule : values.list(rules, "sodRules")) {
        SodRule sod = sodRule(rule, roleNodes);
        at(rule, () -> catalog.sodRule(sod));
      }
    }
    CatalogNode birthrights = root.entries().get("birthrights");
    if (birthrights != null) {
      BirthrightFiles files = new BirthrightFiles(values);
      Map<String, CatalogNode> names = new HashMap<>();
      for (CatalogNode node : values.list(birthrights, "birthrights")) {
        BirthrightRule rule = files.read(node, roleNodes);
        CatalogNode earlier = names.putIfAbsent(rule.name(), node);
        if (earlier != null) {
          throw values.fail(
              node,
              "birthright rule '"
                  + rule.name()
                  + "' is defined twice (first at line "
                  + earlier.line
                  + "); give each rule its own name");
        }
        catalog.birthright(rule);
      }
    }
    return at(root, catalog::build);
  }

  private Application application(CatalogNode node, Map<RoleId, CatalogNode> roleNodes) {
    values.map(node, "an application", APPLICATION_KEYS);
    CatalogNode idNode = values.required(node, "id", "an application");
    String id = values.string(idNode, "application id");
    String what = "application " + id;
    Application.Builder app = at(idNode, () -> Application.builder(id));
    CatalogNode name = node.entries().get("name");
    if (name != null) {
      app.name(values.string(name, "name of " + what));
    }
    CatalogNode owner = values.required(node, "owner", what);
    String ownerId = values.string(owner, "owner of " + what);
    at(owner, () -> app.owner(ownerId));
    for (CatalogNode r : values.list(values.required(node, "roles", what), "roles of " + what)) {
      Role.Builder role = role(r, what);
      // The role's own checks (tier and expiry, lifetime cap), reported at the role.
      Role built = at(r, () -> role.build(id));
      CatalogNode earlier = roleNodes.putIfAbsent(built.id(), r);
      if (earlier != null) {
        throw values.fail(
            values.required(r, "id", "a role"),
            "role id "
                + built.id()
                + " is used twice (first at line "
                + earlier.line
                + "); role ids must be unique across the catalog");
      }
      app.role(role);
    }
    return at(node, app::build);
  }

  private Role.Builder role(CatalogNode node, String application) {
    values.map(node, "a role of " + application, ROLE_KEYS);
    CatalogNode idNode = values.required(node, "id", "a role of " + application);
    String id = values.string(idNode, "role id");
    String what = "role " + id;
    Role.Builder role = at(idNode, () -> Role.builder(id));
    CatalogNode name = node.entries().get("name");
    if (name != null) {
      role.name(values.string(name, "name of " + what));
    }
    for (CatalogNode g : values.list(values.required(node, "groups", what), "groups of " + what)) {
      values.map(g, "a group of " + what, GROUP_KEYS);
      String provider =
          values.string(values.required(g, "provider", "a group of " + what), "provider");
      String group = values.string(values.required(g, "group", "a group of " + what), "group");
      at(g, () -> role.group(provider, group));
    }
    CatalogNode tier = node.entries().get("tier");
    if (tier != null) {
      role.tier(tier(tier));
    }
    CatalogNode approval = node.entries().get("approval");
    if (approval != null) {
      List<ApprovalStep> steps = new ArrayList<>();
      for (CatalogNode step : values.list(approval, "approval of " + what)) {
        steps.add(step(step));
      }
      role.approval(at(approval, () -> new ApprovalPolicy(steps)));
    }
    CatalogNode expiry = node.entries().get("expiry");
    if (expiry != null) {
      role.expiry(expiry(expiry, what));
    }
    CatalogNode maxLifetime = node.entries().get("maxLifetime");
    if (maxLifetime != null) {
      role.maxLifetime(values.duration(maxLifetime, "maxLifetime of " + what));
    }
    CatalogNode justification = node.entries().get("justification");
    if (justification != null) {
      role.justification(justification(justification, what));
    }
    return role;
  }

  private JustificationRule justification(CatalogNode node, String what) {
    String where = "justification of " + what;
    values.map(node, where, JUSTIFICATION_KEYS);
    CatalogNode min = node.entries().get("minLength");
    int minLength = min == null ? 0 : values.integer(min, "minLength of " + where);
    CatalogNode patternNode = node.entries().get("ticketPattern");
    String pattern =
        patternNode == null ? null : values.string(patternNode, "ticketPattern of " + where);
    CatalogNode open = node.entries().get("requireOpenTicket");
    boolean requireOpen = open != null && values.bool(open, "requireOpenTicket of " + where);
    // A bad pattern is reported at the pattern itself, other mistakes at the mapping.
    if (patternNode != null) {
      at(patternNode, () -> new JustificationRule(0, pattern, false));
    }
    return at(node, () -> new JustificationRule(minLength, pattern, requireOpen));
  }

  private static String[] tierNames() {
    RiskTier[] tiers = RiskTier.values();
    String[] names = new String[tiers.length];
    for (int i = 0; i < tiers.length; i++) {
      names[i] = tiers[i].name();
    }
    return names;
  }

  private ExpiryPolicy expiry(CatalogNode node, String what) {
    if (node.kind == Kind.STRING && "none".equals(node.text())) {
      return ExpiryPolicy.none();
    }
    if (node.kind != Kind.MAP) {
      throw values.fail(
          node,
          "expiry of "
              + what
              + " must be 'none' or a mapping with "
              + String.join(", ", EXPIRY_KEYS)
              + ", not "
              + node.kind.description);
    }
    values.map(node, "expiry of " + what, EXPIRY_KEYS);
    boolean required =
        values.bool(values.required(node, "required", "expiry of " + what), "required");
    Duration minimum = optionalDuration(node, "minimum", what);
    Duration defaultDuration = optionalDuration(node, "defaultDuration", what);
    Duration maximum = optionalDuration(node, "maximum", what);
    return at(node, () -> new ExpiryPolicy(required, minimum, defaultDuration, maximum));
  }

  private @Nullable Duration optionalDuration(CatalogNode expiry, String key, String what) {
    CatalogNode node = expiry.entries().get(key);
    return node == null ? null : values.duration(node, key + " of the expiry of " + what);
  }

  private SodRule sodRule(CatalogNode node, Map<RoleId, CatalogNode> roleNodes) {
    values.map(node, "a SoD rule", SOD_KEYS);
    String name = values.string(values.required(node, "name", "a SoD rule"), "SoD rule name");
    String what = "SoD rule '" + name + "'";
    Set<RoleId> roles = new LinkedHashSet<>();
    for (CatalogNode r : values.list(values.required(node, "roles", what), "roles of " + what)) {
      String id = values.string(r, "role id");
      RoleId roleId = at(r, () -> RoleId.of(id));
      if (!roleNodes.containsKey(roleId)) {
        throw values.fail(
            r,
            what
                + " names unknown role "
                + id
                + "; the catalog's roles are "
                + roleNodes.keySet().stream().map(RoleId::value).sorted().toList());
      }
      roles.add(roleId);
    }
    CatalogNode actionNode = values.required(node, "action", what);
    SodRule.Action action = values.constant(actionNode, SodRule.Action.class, "action of " + what);
    CatalogNode extra = node.entries().get("extraStep");
    ApprovalStep extraStep = extra == null ? null : step(extra);
    return at(node, () -> new SodRule(name, roles, action, extraStep));
  }

  private ApprovalStep step(CatalogNode node) {
    if (node.kind == Kind.STRING) {
      switch (String.valueOf(node.text())) {
        case "auto":
          return ApprovalStep.auto();
        case "manager":
          return ApprovalStep.manager();
        case "appOwner":
          return ApprovalStep.appOwner();
        default:
          throw values.fail(
              node,
              "unknown approval step '"
                  + node.text()
                  + "'; accepted: "
                  + String.join(", ", STEP_NAMES)
                  + ", {anyOf: [people]} or {quorum: n, approvers: [people]}");
      }
    }
    if (node.kind != Kind.MAP) {
      throw values.fail(
          node,
          "an approval step must be one of "
              + String.join(", ", STEP_NAMES)
              + ", {anyOf: [people]} or {quorum: n, approvers: [people]}, not "
              + node.kind.description);
    }
    if (node.entries().containsKey("anyOf")) {
      values.map(node, "an anyOf approval step", List.of("anyOf"));
      PersonId[] people = people(node.entries().get("anyOf"));
      return at(node, () -> ApprovalStep.anyOf(people));
    }
    values.map(node, "a quorum approval step", List.of("quorum", "approvers"));
    int quorum =
        values.integer(values.required(node, "quorum", "a quorum approval step"), "quorum");
    PersonId[] people = people(values.required(node, "approvers", "a quorum approval step"));
    return at(node, () -> ApprovalStep.quorum(quorum, people));
  }

  private PersonId[] people(CatalogNode node) {
    List<PersonId> people = new ArrayList<>();
    for (CatalogNode p : values.list(node, "approvers")) {
      String id = values.string(p, "approver");
      people.add(at(p, () -> PersonId.of(id)));
    }
    return people.toArray(PersonId[]::new);
  }

  private RiskTier tier(CatalogNode node) {
    return values.constant(node, RiskTier.class, "tier");
  }

  /** Runs a builder step, reporting what it refuses at {@code node}. */
  private <T> T at(CatalogNode node, Supplier<T> step) {
    try {
      return step.get();
    } catch (CatalogFileException e) {
      throw e;
    } catch (AccessException | IllegalArgumentException e) {
      throw values.fail(
          node, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
  }
}
