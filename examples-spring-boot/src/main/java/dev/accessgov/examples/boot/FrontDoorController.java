package dev.accessgov.examples.boot;

import dev.accessgov.jira.JiraWebhookHandler;
import dev.accessgov.jira.WebhookResult;
import dev.accessgov.slack.InteractionResult;
import dev.accessgov.slack.SlackInteractionHandler;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Mounts the front doors' handlers at one URL each: {@code POST /slack/interactions} (the Slack
 * app's slash command, shortcut and interactivity request URL) and {@code POST /jira/webhook}. Each
 * takes the raw body ({@code @RequestBody byte[]}: the signature covers those bytes, so no
 * framework may parse the form first) and the headers, and answers with the handler's status and
 * body. A door whose settings are absent answers 404.
 */
@RestController
public class FrontDoorController {
  private final ObjectProvider<SlackInteractionHandler> slack;
  private final ObjectProvider<JiraWebhookHandler> jira;

  /** A controller for the handlers that are configured. */
  public FrontDoorController(
      ObjectProvider<SlackInteractionHandler> slack, ObjectProvider<JiraWebhookHandler> jira) {
    this.slack = slack;
    this.jira = jira;
  }

  /** Everything the Slack app sends. */
  @PostMapping("/slack/interactions")
  public ResponseEntity<String> slack(
      @RequestHeader MultiValueMap<String, String> headers,
      @RequestBody(required = false) byte[] body) {
    SlackInteractionHandler handler = slack.getIfAvailable();
    if (handler == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body("Slack is not configured");
    }
    InteractionResult result = handler.handle(headers, body == null ? new byte[0] : body);
    return ResponseEntity.status(result.httpStatus())
        .contentType(MediaType.parseMediaType(result.contentType()))
        .body(result.body());
  }

  /** Jira's webhook deliveries. */
  @PostMapping("/jira/webhook")
  public ResponseEntity<String> jira(
      @RequestHeader MultiValueMap<String, String> headers,
      @RequestBody(required = false) byte[] body) {
    JiraWebhookHandler handler = jira.getIfAvailable();
    if (handler == null) {
      return ResponseEntity.status(HttpStatus.NOT_FOUND).body("Jira is not configured");
    }
    WebhookResult result = handler.handle(headers, body == null ? new byte[0] : body);
    return ResponseEntity.status(result.httpStatus()).body(result.outcome().name());
  }
}
