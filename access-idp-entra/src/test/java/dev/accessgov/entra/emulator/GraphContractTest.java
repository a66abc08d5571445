package dev.accessgov.entra.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The rules that check the emulator's traffic catch what Graph's contract forbids: known-good and
 * known-bad requests and answers, from Graph's CSDL metadata and the JSON batching documentation.
 */
class GraphContractTest {
  private static final String REF =
      "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/u1\"}";

  private static List<String> get(String rest) {
    return GraphRequestRules.check("GET", rest, null, null, 0, null);
  }

  private static JsonNode json(String s) {
    try {
      return GraphJson.MAPPER.readTree(s);
    } catch (IOException e) {
      throw new IllegalArgumentException(s, e);
    }
  }

  @Nested
  @DisplayName("requests")
  class Requests {
    @Test
    @DisplayName("accepts every call this library makes")
    void acceptsOurCalls() {
      assertThat(get("/users/u1?$select=id,userPrincipalName,mail,accountEnabled")).isEmpty();
      assertThat(get("/users/alice%40contoso.example?$select=id,signInActivity")).isEmpty();
      assertThat(get("/users?$filter=mail%20eq%20'a%40b.example'&$select=id,mail&$top=2"))
          .isEmpty();
      assertThat(
              get(
                  "/groups/g1?$select=id,groupTypes,isAssignableToRole,onPremisesSyncEnabled,mailEnabled"))
          .isEmpty();
      assertThat(get("/groups/g1/members/graph.user?$top=100&$select=id,userPrincipalName"))
          .isEmpty();
      assertThat(get("/groups/g1/members/microsoft.graph.user?$top=5&$skiptoken=x")).isEmpty();
      assertThat(get("/groups/g1/members/u1/graph.user?$select=id")).isEmpty();
      assertThat(
              GraphRequestRules.check(
                  "POST", "/groups/g1/members/$ref", "application/json", REF, 0, null))
          .isEmpty();
      assertThat(
              GraphRequestRules.check("DELETE", "/groups/g1/members/u1/$ref", null, null, 0, null))
          .isEmpty();
    }

    @Test
    @DisplayName("a user property cannot be selected on members without the cast")
    void uncastMembers() {
      assertThat(get("/groups/g1/members?$top=100&$select=id,userPrincipalName"))
          .singleElement()
          .asString()
          .contains("directoryObject has no property userPrincipalName");
    }

    @Test
    @DisplayName("unknown properties, paths, casts, options and methods are violations")
    void unknowns() {
      assertThat(get("/users/u1?$select=lastLoginTime")).hasSize(1);
      assertThat(get("/users?$filter=lastLogin%20eq%20'x'")).hasSize(1);
      assertThat(get("/groups/g1/memberz")).hasSize(1);
      assertThat(get("/groups/g1/members/graph.team")).hasSize(1);
      assertThat(get("/applications/a1")).hasSize(1);
      assertThat(get("/users/u1?$top=5")).hasSize(1);
      assertThat(get("/users/u1?$bogus=1")).hasSize(1);
      assertThat(get("/groups/g1/members?$top=0")).hasSize(1);
      assertThat(GraphRequestRules.check("DELETE", "/groups/g1/members/u1", null, null, 0, null))
          .hasSize(1);
      assertThat(GraphRequestRules.check("POST", "/groups/g1/$ref", null, REF, 0, null)).hasSize(1);
    }

    @Test
    @DisplayName("a $ref body names one entity by absolute v1.0 URL, and nothing else")
    void refBody() {
      for (String body :
          List.of(
              "{}",
              "{\"@odata.id\":\"/v1.0/directoryObjects/u1\"}",
              "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects\"}",
              "{\"@odata.id\":\"https://graph.microsoft.com/v1.0/directoryObjects/u1\",\"x\":1}")) {
        assertThat(
                GraphRequestRules.check(
                    "POST", "/groups/g1/members/$ref", "application/json", body, 0, null))
            .as(body)
            .hasSize(1);
      }
    }
  }

  @Nested
  @DisplayName("$batch")
  class Batch {
    private ObjectNode step(String id, String method, String url, boolean withBody) {
      ObjectNode s = GraphJson.MAPPER.createObjectNode();
      s.put("id", id).put("method", method).put("url", url);
      if (withBody) {
        s.set("body", json(REF));
        s.putObject("headers").put("Content-Type", "application/json");
      }
      return s;
    }

    private List<String> batch(ArrayNode requests) {
      ObjectNode body = GraphJson.MAPPER.createObjectNode();
      body.set("requests", requests);
      return GraphRequestRules.check(
          "POST", "/$batch", "application/json", body.toString(), 0, null);
    }

    @Test
    @DisplayName("accepts 20 steps with unique ids, relative urls and typed bodies")
    void accepts() {
      ArrayNode steps = GraphJson.MAPPER.createArrayNode();
      for (int i = 0; i < 20; i++) {
        steps.add(
            i % 2 == 0
                ? step("" + i, "DELETE", "/groups/g1/members/u" + i + "/$ref", false)
                : step("" + i, "POST", "/groups/g1/members/$ref", true));
      }
      assertThat(batch(steps)).isEmpty();
    }

    @Test
    @DisplayName("21 steps, duplicate ids, absolute urls, untyped bodies and bad steps are refused")
    void refuses() {
      ArrayNode many = GraphJson.MAPPER.createArrayNode();
      for (int i = 0; i < 21; i++) {
        many.add(step("" + i, "GET", "/users/u" + i, false));
      }
      assertThat(batch(many)).singleElement().asString().contains("at most 20");
      ArrayNode dup = GraphJson.MAPPER.createArrayNode();
      dup.add(step("a", "GET", "/users/u1", false)).add(step("A", "GET", "/users/u2", false));
      assertThat(batch(dup)).singleElement().asString().contains("unique");
      ArrayNode absolute = GraphJson.MAPPER.createArrayNode();
      absolute.add(step("1", "GET", "https://graph.microsoft.com/v1.0/users/u1", false));
      assertThat(batch(absolute)).hasSize(1);
      ArrayNode untyped = GraphJson.MAPPER.createArrayNode();
      ObjectNode s = step("1", "POST", "/groups/g1/members/$ref", false);
      s.set("body", json(REF));
      untyped.add(s);
      assertThat(batch(untyped)).singleElement().asString().contains("Content-Type");
      ArrayNode bad = GraphJson.MAPPER.createArrayNode();
      bad.add(step("1", "GET", "/groups/g1/members?$select=userPrincipalName", false));
      assertThat(batch(bad)).hasSize(1);
      assertThat(batch(GraphJson.MAPPER.createArrayNode())).hasSize(1);
    }
  }

  @Nested
  @DisplayName("answers")
  class Answers {
    @Test
    @DisplayName("signInActivity carries the properties the contract declares, and no others")
    void signInActivity() {
      String ok =
          "{\"id\":\"u1\",\"signInActivity\":{\"lastSignInDateTime\":null,"
              + "\"lastNonInteractiveSignInDateTime\":null,\"lastSuccessfulSignInDateTime\":null}}";
      assertThat(GraphRequestRules.check("GET", "/users/u1", null, null, 200, json(ok))).isEmpty();
      String bad = "{\"id\":\"u1\",\"signInActivity\":{\"lastLoginDateTime\":null}}";
      assertThat(GraphRequestRules.check("GET", "/users/u1", null, null, 200, json(bad)))
          .hasSize(1);
    }

    @Test
    @DisplayName("an error answer has Graph's error shape")
    void errorShape() {
      String ok = "{\"error\":{\"code\":\"Request_ResourceNotFound\",\"message\":\"gone\"}}";
      assertThat(GraphRequestRules.check("GET", "/users/u1", null, null, 404, json(ok))).isEmpty();
      assertThat(
              GraphRequestRules.check(
                  "GET", "/users/u1", null, null, 404, json("{\"message\":\"gone\"}")))
          .hasSize(1);
    }

    @Test
    @DisplayName("members may be of the kinds the navigation allows, and only those")
    void memberKinds() {
      String ok =
          "{\"value\":[{\"@odata.type\":\"#microsoft.graph.device\",\"id\":\"d\"},"
              + "{\"@odata.type\":\"#microsoft.graph.user\",\"id\":\"u\",\"userPrincipalName\":\"u@x\"}]}";
      assertThat(GraphRequestRules.check("GET", "/groups/g/members", null, null, 200, json(ok)))
          .isEmpty();
      String bad = "{\"value\":[{\"@odata.type\":\"#microsoft.graph.device\",\"mail\":\"d@x\"}]}";
      assertThat(GraphRequestRules.check("GET", "/groups/g/members", null, null, 200, json(bad)))
          .hasSize(1);
    }
  }
}
