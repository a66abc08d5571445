package dev.accessgov.catalog;

import dev.accessgov.AccessException;
import dev.accessgov.catalog.CatalogNode.Kind;
import dev.accessgov.spi.PersonAttribute;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@code birthrights} section of a catalog document, read and written:
 *
 * <pre>{@code
 * birthrights:
 *   - name: engineering-github
 *     role: github/read
 *     when: {department: engineering, location: [Berlin, Paris]}
 *     approval: application-owner   # automatic (default), application-owner or role-policy
 *   - name: wiki-for-all
 *     role: wiki/read
 *     everyone: true
 * }</pre>
 */
final class BirthrightFiles {
  static final List<String> KEYS = List.of("name", "role", "when", "everyone", "approval");

  private final CatalogValues values;

  BirthrightFiles(CatalogValues values) {
    this.values = values;
  }

  /** Reads one rule; its role must be one of {@code roleNodes}. */
  BirthrightRule read(CatalogNode node, Map<RoleId, CatalogNode> roleNodes) {
    values.map(node, "a birthright rule", KEYS);
    CatalogNode nameNode = values.required(node, "name", "a birthright rule");
    String name = values.string(nameNode, "birthright rule name");
    String what = "birthright rule '" + name + "'";
    BirthrightRule.Builder rule = at(nameNode, () -> BirthrightRule.builder(name));
    CatalogNode roleNode = values.required(node, "role", what);
    String role = values.string(roleNode, "role of " + what);
    RoleId roleId = at(roleNode, () -> RoleId.of(role));
    if (!roleNodes.containsKey(roleId)) {
      throw values.fail(
          roleNode,
          what
              + " names unknown role "
              + role
              + "; the catalog's roles are "
              + roleNodes.keySet().stream().map(RoleId::value).sorted().toList());
    }
    rule.role(roleId);
    CatalogNode when = node.entries().get("when");
    if (when != null) {
      String where = "when of " + what;
      values.map(
          when, where, Arrays.stream(PersonAttribute.values()).map(PersonAttribute::key).toList());
      for (Map.Entry<String, CatalogNode> c : when.entries().entrySet()) {
        PersonAttribute attribute = PersonAttribute.ofKey(c.getKey());
        List<String> oneOf = new ArrayList<>();
        CatalogNode v = c.getValue();
        if (v.kind == Kind.LIST) {
          for (CatalogNode item : values.list(v, c.getKey() + " of " + where)) {
            oneOf.add(values.string(item, c.getKey() + " of " + where));
          }
        } else {
          oneOf.add(values.string(v, c.getKey() + " of " + where));
        }
        at(v, () -> rule.when(attribute, oneOf));
      }
    }
    CatalogNode everyone = node.entries().get("everyone");
    if (everyone != null && values.bool(everyone, "everyone of " + what)) {
      rule.everyone();
    }
    CatalogNode approval = node.entries().get("approval");
    if (approval != null) {
      String key = values.string(approval, "approval of " + what);
      rule.approval(at(approval, () -> BirthrightApproval.ofKey(key)));
    }
    return at(node, rule::build);
  }

  /** One rule as a document mapping, every field written out. */
  static Map<String, Object> write(BirthrightRule rule) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("name", rule.name());
    r.put("role", rule.role().value());
    if (rule.everyone()) {
      r.put("everyone", true);
    } else {
      Map<String, Object> when = new LinkedHashMap<>();
      for (Map.Entry<PersonAttribute, Set<String>> c : rule.conditions().entrySet()) {
        when.put(c.getKey().key(), List.copyOf(c.getValue()));
      }
      r.put("when", when);
    }
    r.put("approval", rule.approval().key());
    return r;
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
