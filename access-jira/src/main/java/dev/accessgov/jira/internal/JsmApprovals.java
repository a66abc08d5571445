package dev.accessgov.jira.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request's approvals from the Jira Service Management API ({@code GET
 * /rest/servicedeskapi/request/{issueIdOrKey}/approval}, paged by {@code start} / {@code
 * isLastPage}; not in the trimmed platform spec) and lists each approver's decision. Not API.
 */
public final class JsmApprovals {
  private static final int LIMIT = 50;

  private JsmApprovals() {}

  /**
   * One approver's decision on one approval.
   *
   * @param approvalId the JSM approval's id
   * @param accountId the approver's Atlassian account id
   * @param approved true for approve, false for decline
   */
  public record Decision(String approvalId, String accountId, boolean approved) {}

  /** Every decided approver of every approval of the issue, in Jira's order. */
  public static List<Decision> decisions(JiraHttp http, String issueKey) {
    List<Decision> out = new ArrayList<>();
    int start = 0;
    while (true) {
      JsonNode page =
          http.call(
              "approvals",
              "GET",
              "/rest/servicedeskapi/request/"
                  + IssueOps.enc(issueKey)
                  + "/approval?start="
                  + start
                  + "&limit="
                  + LIMIT,
              null);
      int size = 0;
      for (JsonNode approval : page.path("values")) {
        size++;
        for (JsonNode approver : approval.path("approvers")) {
          String decision = approver.path("approverDecision").asText("");
          String account = approver.path("approver").path("accountId").asText("");
          if (!account.isEmpty() && (decision.equals("approved") || decision.equals("declined"))) {
            out.add(
                new Decision(approval.path("id").asText(), account, decision.equals("approved")));
          }
        }
      }
      start += size;
      if (size == 0 || page.path("isLastPage").asBoolean(true)) {
        return out;
      }
    }
  }
}
