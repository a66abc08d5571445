package dev.accessgov.catalog;

import dev.accessgov.InvalidRequestException;
import dev.accessgov.policy.ApprovalPolicy;
import dev.accessgov.policy.ApprovalStep;
import java.util.Arrays;
import java.util.Locale;

/**
 * The approval a birthright grant needs. Ordered from least to most: when several rules give a
 * person the same role, the grant needs the most any of them asks for.
 */
public enum BirthrightApproval {
  /** Approved by the birthright rule itself, recorded as an automatic approval. The default. */
  AUTOMATIC,
  /** The application owner approves, as for a sensitive role every new hire still needs. */
  APPLICATION_OWNER,
  /** The role's own approval policy, as for an ordinary request. */
  ROLE_POLICY;

  /** The approval policy a birthright grant of {@code role} goes through under this setting. */
  public ApprovalPolicy policyFor(Role role) {
    return switch (this) {
      case AUTOMATIC -> ApprovalPolicy.automatic();
      case APPLICATION_OWNER -> ApprovalPolicy.of(ApprovalStep.appOwner());
      case ROLE_POLICY -> role.approvalPolicy();
    };
  }

  /** How catalog files and evidence write it, e.g. {@code application-owner}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The value with this {@link #key()} (or enum name), ignoring case.
   *
   * @throws InvalidRequestException naming the accepted keys when there is none
   */
  public static BirthrightApproval ofKey(String key) {
    for (BirthrightApproval a : values()) {
      if (a.key().equalsIgnoreCase(key) || a.name().equalsIgnoreCase(key)) {
        return a;
      }
    }
    throw new InvalidRequestException(
        "unknown birthright approval '"
            + key
            + "'; accepted: "
            + Arrays.stream(values()).map(BirthrightApproval::key).toList());
  }
}
