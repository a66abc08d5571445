package dev.accessgov.google;

import static org.assertj.core.api.Assertions.assertThat;

import dev.accessgov.google.emulator.DirectoryRequestValidator;
import dev.accessgov.google.emulator.GoogleEmulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The discovery-document validator itself: it must catch requests Google's contract forbids. */
class DirectoryRequestValidatorTest {
  @RegisterExtension static final GoogleEmulator google = new GoogleEmulator();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeEach
  void clear() {
    google.reset();
  }

  private static List<String> send(String method, String path, String body) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(google.rootUrl() + path))
            .header("Authorization", "Bearer ya29.test")
            .header("Content-Type", "application/json");
    request.method(
        method,
        body.isEmpty()
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding());
    return DirectoryRequestValidator.violations(google.server().getAllServeEvents());
  }

  @Test
  @DisplayName("a well-formed members.insert, members.get and members.list pass")
  void conforming() throws Exception {
    assertThat(
            send(
                "POST",
                "admin/directory/v1/groups/03g/members",
                "{\"email\":\"a@example.com\",\"role\":\"MEMBER\"}"))
        .isEmpty();
    assertThat(send("GET", "admin/directory/v1/groups/03g/members/a%40example.com", "")).isEmpty();
    assertThat(send("GET", "admin/directory/v1/groups/03g/members?maxResults=200&pageToken=x", ""))
        .isEmpty();
  }

  @Test
  @DisplayName("members.insert without email, or with a field Member lacks, is reported")
  void insertBody() throws Exception {
    assertThat(send("POST", "admin/directory/v1/groups/03g/members", "{\"id\":\"42\"}"))
        .anySatisfy(v -> assertThat(v).contains("needs Member.email"));
    google.reset();
    assertThat(
            send(
                "POST",
                "admin/directory/v1/groups/03g/members",
                "{\"email\":\"a@example.com\",\"nickname\":\"x\"}"))
        .anySatisfy(v -> assertThat(v).contains("Member has no property nickname"));
    google.reset();
    assertThat(
            send("POST", "admin/directory/v1/groups/03g/members", "{\"email\":\"a@x\",\"role\":1}"))
        .anySatisfy(v -> assertThat(v).contains("Member.role must be a string"));
  }

  @Test
  @DisplayName(
      "unknown paths, unknown or out-of-range query parameters and stray bodies are reported")
  void pathsAndQueries() throws Exception {
    assertThat(send("GET", "admin/directory/v1/groups/03g/owners", ""))
        .anySatisfy(v -> assertThat(v).contains("no method"));
    google.reset();
    assertThat(send("GET", "admin/directory/v1/groups/03g/members?maxResults=0", ""))
        .anySatisfy(v -> assertThat(v).contains("maxResults must be at least 1"));
    google.reset();
    assertThat(send("GET", "admin/directory/v1/groups/03g/members?maxResults=500", ""))
        .anySatisfy(v -> assertThat(v).contains("at most 200"));
    google.reset();
    assertThat(send("GET", "admin/directory/v1/users/u1?projection=everything&limit=3", ""))
        .anySatisfy(v -> assertThat(v).contains("projection must be one of"))
        .anySatisfy(v -> assertThat(v).contains("takes no query parameter limit"));
    google.reset();
    assertThat(send("DELETE", "admin/directory/v1/groups/03g/members/u1", "{\"x\":1}"))
        .anySatisfy(v -> assertThat(v).contains("takes no body"));
  }
}
