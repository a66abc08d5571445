package dev.accessgov.entra.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.jspecify.annotations.Nullable;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Microsoft Graph v1.0's machine-readable contract, its CSDL metadata (an excerpt of {@code
 * clean_v10_metadata/cleanMetadata.xml} from microsoftgraph/msgraph-metadata, from which Graph's
 * OpenAPI document is generated, in {@code src/test/resources/specs/graph-v1.0-csdl.excerpt.xml}),
 * and the OData v4.01 URL conventions it is served by: resolves a request's path segment by segment
 * (entity set, key, navigation property, type cast, {@code $ref}), and checks the method, the
 * system query options, the properties they name, the {@code $ref} body, and the JSON of answers.
 *
 * <p>Strict on one point the contract leaves open: Graph's directory types are {@code OpenType},
 * which would let any name pass in {@code $select}; a property is accepted only where its type
 * declares it, so that a selection is made on the type that has it (for a group's members, through
 * the cast to {@code microsoft.graph.user}).
 */
final class GraphContract {
  static final GraphContract V1 = load("/specs/graph-v1.0-csdl.excerpt.xml");

  private static final String NS = "microsoft.graph.";
  private static final Set<String> COLLECTION_READ =
      Set.of(
          "$select",
          "$filter",
          "$top",
          "$skip",
          "$skiptoken",
          "$orderby",
          "$count",
          "$expand",
          "$search",
          "$format");
  private static final Set<String> ENTITY_READ = Set.of("$select", "$expand", "$format");
  private static final Pattern FILTER_PROPERTY =
      Pattern.compile("([A-Za-z_][A-Za-z0-9_/]*)\\s+(?:eq|ne|gt|ge|lt|le)\\s");

  /** A navigation property: its target type, whether it is a collection, allowed derived types. */
  private record Navigation(String type, boolean collection, Set<String> derived) {}

  /** An entity or complex type: its base, declared properties (with type) and navigations. */
  private record Type(
      String name,
      @Nullable String base,
      Map<String, String> properties,
      Map<String, Navigation> navigations) {}

  /** Where a path leads. */
  enum Kind {
    COLLECTION,
    ENTITY,
    REF_COLLECTION,
    REF_ENTITY,
    PROPERTY
  }

  /** The resource a path addresses, or why it addresses none. */
  record Target(
      @Nullable Kind kind,
      @Nullable String type,
      @Nullable Navigation via,
      boolean throughNavigation,
      @Nullable String problem) {
    static Target problem(String problem) {
      return new Target(null, null, null, false, problem);
    }
  }

  private final Map<String, Type> types;
  private final Map<String, String> entitySets;
  private final Map<String, String> singletons;

  private GraphContract(
      Map<String, Type> types, Map<String, String> entitySets, Map<String, String> singletons) {
    this.types = types;
    this.entitySets = entitySets;
    this.singletons = singletons;
  }

  /**
   * Every way one request breaks the contract, appended to {@code problems} prefixed by {@code
   * where}.
   *
   * @param path the decoded path after {@code /v1.0}
   * @param query the decoded query options, in order
   * @param body the request body, or null
   */
  void check(
      String method,
      String path,
      Map<String, String> query,
      @Nullable JsonNode body,
      String where,
      List<String> problems) {
    Target target = resolve(path);
    if (target.problem() != null) {
      problems.add(where + target.problem());
      return;
    }
    Kind kind = target.kind();
    boolean allowed =
        switch (method) {
          case "GET" -> kind != Kind.REF_ENTITY;
          case "POST" -> kind == Kind.COLLECTION || kind == Kind.REF_COLLECTION;
          case "PATCH", "PUT" -> kind == Kind.ENTITY || kind == Kind.PROPERTY;
          case "DELETE" ->
              kind == Kind.REF_ENTITY
                  || (kind == Kind.ENTITY && !target.throughNavigation())
                  || (kind == Kind.REF_COLLECTION && query.containsKey("$id"));
          default -> false;
        };
    if (!allowed) {
      problems.add(where + method + " is not defined for " + describe(target) + " " + path);
      return;
    }
    Set<String> options =
        !method.equals("GET")
            ? (kind == Kind.REF_COLLECTION && method.equals("DELETE") ? Set.of("$id") : Set.of())
            : kind == Kind.COLLECTION || kind == Kind.REF_COLLECTION
                ? COLLECTION_READ
                : ENTITY_READ;
    for (Map.Entry<String, String> option : query.entrySet()) {
      String name = option.getKey();
      if (!options.contains(name)) {
        problems.add(where + "query option " + name + " is not allowed on " + describe(target));
        continue;
      }
      String value = option.getValue();
      switch (name) {
        case "$select" -> {
          for (String p : value.split(",")) {
            if (!declares(target.type(), p.trim())) {
              problems.add(
                  where + "$select: " + shortName(target.type()) + " has no property " + p);
            }
          }
        }
        case "$filter" -> {
          Matcher m = FILTER_PROPERTY.matcher(value);
          while (m.find()) {
            if (!declares(target.type(), m.group(1).split("/")[0])) {
              problems.add(
                  where
                      + "$filter: "
                      + shortName(target.type())
                      + " has no property "
                      + m.group(1));
            }
          }
        }
        case "$top", "$skip" -> {
          if (!value.matches("\\d+") || (name.equals("$top") && Integer.parseInt(value) < 1)) {
            problems.add(where + name + " must be a non-negative integer, was " + value);
          }
        }
        default -> {}
      }
    }
    if (method.equals("POST") && kind == Kind.REF_COLLECTION) {
      checkReference(target, body, where, problems);
    }
  }

  /**
   * Every property of an answer's JSON that its type does not declare; {@code @odata} annotations
   * aside. Objects that carry {@code @odata.type} are checked against that type, which must be one
   * the navigation allows.
   */
  void checkAnswer(String path, JsonNode body, String where, List<String> problems) {
    Target target = resolve(path);
    if (target.problem() != null || target.type() == null || target.kind() == Kind.PROPERTY) {
      return;
    }
    if (target.kind() == Kind.COLLECTION) {
      for (JsonNode item : body.path("value")) {
        checkObject(target.type(), target.via(), item, where, problems);
      }
    } else if (target.kind() == Kind.ENTITY) {
      checkObject(target.type(), target.via(), body, where, problems);
    }
  }

  private void checkObject(
      String type, @Nullable Navigation via, JsonNode object, String where, List<String> problems) {
    String actual = type;
    if (object.has("@odata.type")) {
      actual = object.get("@odata.type").asText().replaceFirst("^#", "");
      if (!derivesFrom(actual, type)) {
        problems.add(where + "answer object of type " + actual + " where " + type + " is expected");
        return;
      }
      if (via != null && !via.derived().isEmpty() && !via.derived().contains(actual)) {
        problems.add(where + "answer object of type " + actual + " is not allowed here");
      }
    }
    var fields = object.fieldNames();
    while (fields.hasNext()) {
      String field = fields.next();
      if (field.startsWith("@odata.") || field.contains("@odata.")) {
        continue;
      }
      String propertyType = propertyType(actual, field);
      if (propertyType == null) {
        problems.add(where + "answer: " + shortName(actual) + " has no property " + field);
      } else if (types.containsKey(propertyType) && object.get(field).isObject()) {
        checkObject(propertyType, null, object.get(field), where, problems);
      }
    }
  }

  private void checkReference(
      Target target, @Nullable JsonNode body, String where, List<String> problems) {
    JsonNode id = body == null ? null : body.get("@odata.id");
    if (body == null || id == null || !id.isTextual() || body.size() != 1) {
      problems.add(where + "a $ref body is exactly {\"@odata.id\": \"<URL of an entity>\"}");
      return;
    }
    URI uri;
    try {
      uri = URI.create(id.asText());
    } catch (IllegalArgumentException e) {
      problems.add(where + "@odata.id is not a URL: " + id.asText());
      return;
    }
    String p = uri.getPath() == null ? "" : uri.getPath();
    if (!uri.isAbsolute() || !p.startsWith("/v1.0/")) {
      problems.add(where + "@odata.id must be an absolute Graph v1.0 URL: " + id.asText());
      return;
    }
    Target referenced = resolve(p.substring("/v1.0".length()));
    if (referenced.problem() != null
        || referenced.kind() != Kind.ENTITY
        || !derivesFrom(target.type(), referenced.type())
            && !derivesFrom(referenced.type(), target.type())) {
      problems.add(where + "@odata.id does not address a " + shortName(target.type()) + ": " + p);
    }
  }

  /** Resolves a decoded path after {@code /v1.0} against the entity model. */
  Target resolve(String path) {
    String[] segments = path.replaceFirst("^/", "").split("/", -1);
    String type = entitySets.get(segments[0]);
    Kind kind = Kind.COLLECTION;
    if (type == null) {
      type = singletons.get(segments[0]);
      kind = Kind.ENTITY; // a singleton is one entity, addressed by its name alone
    }
    if (type == null) {
      return Target.problem(
          "no entity set or singleton '" + segments[0] + "' in the contract excerpt");
    }
    Navigation via = null;
    boolean throughNavigation = false;
    for (int i = 1; i < segments.length; i++) {
      String s = segments[i];
      if (s.isEmpty()) {
        return Target.problem("empty path segment in " + path);
      }
      if (kind == Kind.REF_COLLECTION || kind == Kind.REF_ENTITY || kind == Kind.PROPERTY) {
        return Target.problem("nothing may follow " + segments[i - 1] + " in " + path);
      }
      String cast = castName(s);
      if (cast == null && (s.startsWith(NS) || s.startsWith("graph."))) {
        return Target.problem("no type " + s + " in the contract excerpt, so no cast to it");
      }
      if (cast != null) {
        if (!derivesFrom(cast, type)) {
          return Target.problem(cast + " is not a type derived from " + type);
        }
        if (via != null && !via.derived().isEmpty() && !via.derived().contains(cast)) {
          return Target.problem(cast + " is not allowed by the navigation's derived types");
        }
        type = cast;
        continue;
      }
      if (s.equals("$ref")) {
        if (!throughNavigation) {
          return Target.problem("$ref only follows a navigation property: " + path);
        }
        kind = kind == Kind.COLLECTION ? Kind.REF_COLLECTION : Kind.REF_ENTITY;
        continue;
      }
      if (kind == Kind.COLLECTION) {
        kind = Kind.ENTITY; // a key segment
        continue;
      }
      Navigation nav = navigation(type, s);
      if (nav != null) {
        type = nav.type();
        via = nav;
        throughNavigation = true;
        kind = nav.collection() ? Kind.COLLECTION : Kind.ENTITY;
        continue;
      }
      if (propertyType(type, s) != null) {
        kind = Kind.PROPERTY;
        continue;
      }
      return Target.problem(shortName(type) + " has no property or navigation '" + s + "'");
    }
    return new Target(kind, type, via, throughNavigation, null);
  }

  private @Nullable String castName(String segment) {
    String qualified =
        segment.startsWith(NS)
            ? segment
            : segment.startsWith("graph.") ? NS + segment.substring("graph.".length()) : null;
    return qualified != null && types.containsKey(qualified) ? qualified : null;
  }

  private boolean declares(@Nullable String type, String property) {
    return type != null
        && (propertyType(type, property) != null || navigation(type, property) != null);
  }

  private @Nullable String propertyType(String type, String property) {
    for (Type t = types.get(type); t != null; t = t.base() == null ? null : types.get(t.base())) {
      String p = t.properties().get(property);
      if (p != null) {
        return p;
      }
    }
    return null;
  }

  private @Nullable Navigation navigation(String type, String name) {
    for (Type t = types.get(type); t != null; t = t.base() == null ? null : types.get(t.base())) {
      Navigation n = t.navigations().get(name);
      if (n != null) {
        return n;
      }
    }
    return null;
  }

  private boolean derivesFrom(@Nullable String type, @Nullable String ancestor) {
    for (Type t = type == null ? null : types.get(type);
        t != null;
        t = t.base() == null ? null : types.get(t.base())) {
      if (t.name().equals(ancestor)) {
        return true;
      }
    }
    return false;
  }

  private static String describe(Target target) {
    return switch (target.kind()) {
      case COLLECTION -> "a collection of " + shortName(target.type());
      case ENTITY -> "an entity " + shortName(target.type());
      case REF_COLLECTION -> "a collection of references";
      case REF_ENTITY -> "a reference";
      case PROPERTY -> "a property";
    };
  }

  private static String shortName(@Nullable String type) {
    return type == null ? "?" : type.replace(NS, "");
  }

  private static String qualify(String name) {
    String n = name.startsWith("Collection(") ? name.substring(11, name.length() - 1) : name;
    return n.startsWith("graph.") ? NS + n.substring("graph.".length()) : n;
  }

  private static GraphContract load(String resource) {
    try (InputStream in = GraphContract.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from src/test/resources");
      }
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setNamespaceAware(true);
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document doc = factory.newDocumentBuilder().parse(in);
      Map<String, Type> types = new HashMap<>();
      for (String tag : List.of("EntityType", "ComplexType")) {
        NodeList nodes = doc.getElementsByTagNameNS("*", tag);
        for (int i = 0; i < nodes.getLength(); i++) {
          Element e = (Element) nodes.item(i);
          Map<String, String> properties = new LinkedHashMap<>();
          Map<String, Navigation> navigations = new LinkedHashMap<>();
          for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (!(c instanceof Element child)) {
              continue;
            }
            String name = child.getAttribute("Name");
            String type = child.getAttribute("Type");
            if (child.getLocalName().equals("Property")) {
              properties.put(name, qualify(type));
            } else if (child.getLocalName().equals("NavigationProperty")) {
              navigations.put(
                  name,
                  new Navigation(
                      qualify(type), type.startsWith("Collection("), derivedTypes(child)));
            }
          }
          String base = e.getAttribute("BaseType");
          String name = NS + e.getAttribute("Name");
          types.put(
              name, new Type(name, base.isEmpty() ? null : qualify(base), properties, navigations));
        }
      }
      Map<String, String> sets = new HashMap<>();
      NodeList nodes = doc.getElementsByTagNameNS("*", "EntitySet");
      for (int i = 0; i < nodes.getLength(); i++) {
        Element e = (Element) nodes.item(i);
        sets.put(e.getAttribute("Name"), qualify(e.getAttribute("EntityType")));
      }
      Map<String, String> singletons = new HashMap<>();
      nodes = doc.getElementsByTagNameNS("*", "Singleton");
      for (int i = 0; i < nodes.getLength(); i++) {
        Element e = (Element) nodes.item(i);
        singletons.put(e.getAttribute("Name"), qualify(e.getAttribute("Type")));
      }
      return new GraphContract(Map.copyOf(types), Map.copyOf(sets), Map.copyOf(singletons));
    } catch (IOException
        | javax.xml.parsers.ParserConfigurationException
        | org.xml.sax.SAXException e) {
      throw new IllegalStateException("cannot read the Graph contract " + resource, e);
    }
  }

  /** The {@code Org.OData.Validation.V1.DerivedTypeConstraint} of a navigation, if any. */
  private static Set<String> derivedTypes(Element navigation) {
    NodeList annotations = navigation.getElementsByTagNameNS("*", "Annotation");
    for (int i = 0; i < annotations.getLength(); i++) {
      Element a = (Element) annotations.item(i);
      if (a.getAttribute("Term").equals("Org.OData.Validation.V1.DerivedTypeConstraint")) {
        NodeList strings = a.getElementsByTagNameNS("*", "String");
        Set<String> derived = new java.util.HashSet<>();
        for (int j = 0; j < strings.getLength(); j++) {
          derived.add(strings.item(j).getTextContent().trim());
        }
        return Set.copyOf(derived);
      }
    }
    return Set.of();
  }
}
