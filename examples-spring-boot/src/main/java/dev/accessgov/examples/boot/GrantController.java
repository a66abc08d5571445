package dev.accessgov.examples.boot;

import static java.util.Objects.requireNonNull;

import dev.accessgov.AccessService;
import dev.accessgov.GrantRequest;
import dev.accessgov.record.AccessRecord;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /grants}: asks for access and answers with the record's id and state. */
@RestController
public class GrantController {
  private final AccessService access;

  /** A controller granting through {@code access}. */
  public GrantController(AccessService access) {
    this.access = requireNonNull(access, "access");
  }

  /**
   * A request for access. In a real application the requester is the signed-in user, not a field of
   * the body.
   *
   * @param subject who gets access
   * @param role the catalog role, e.g. {@code github/read}
   * @param reason why
   * @param idempotencyKey makes a repeated request return the first record; may be null
   */
  public record GrantBody(
      String subject, String role, String reason, @Nullable String idempotencyKey) {}

  /**
   * What was granted.
   *
   * @param id the record's id
   * @param state its state, e.g. {@code ACTIVE} or {@code PENDING_APPROVAL}
   */
  public record GrantAnswer(String id, String state) {}

  /** Grants access as the subject asked for it. */
  @PostMapping("/grants")
  public GrantAnswer grant(@RequestBody GrantBody body) {
    GrantRequest.Builder request =
        GrantRequest.builder()
            .subject(body.subject())
            .requester(body.subject())
            .role(body.role())
            .reason(body.reason());
    if (body.idempotencyKey() != null) {
      request.idempotencyKey(body.idempotencyKey());
    }
    AccessRecord record = access.grant(request.build());
    return new GrantAnswer(record.id().value(), record.state().name());
  }
}
