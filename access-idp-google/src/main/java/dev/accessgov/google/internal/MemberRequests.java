package dev.accessgov.google.internal;

import com.google.api.client.googleapis.json.GoogleJsonError;
import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Member;
import com.google.api.services.directory.model.Members;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The {@code members.*} calls, with Google's idempotent answers turned into answers rather than
 * errors: an insert of a present member is answered 409 {@code duplicate}, a delete of an absent
 * one 404 {@code Resource Not Found: memberKey}; both are kept as the answer's status for the
 * receipt. A 404 about the group itself ({@code groupKey}) stays an error. Not API.
 */
public final class MemberRequests {
  private MemberRequests() {}

  /**
   * {@code members.insert} with role MEMBER, naming the member by {@code email} (the discovery
   * document's {@code Member.email} "is required when adding a member to a group"); status 200
   * (added) or 409 (already a member). A 200 counts only with the Member resource Google answers it
   * with: an answer that cannot be read as one may not be Google's (a proxy's page, a cut body), so
   * it is an unreadable answer, retried; a retry after a real insert is answered 409.
   */
  public static GoogleCall<Void> insert(Directory directory, String groupKey, String email) {
    Member member = new Member().setEmail(email).setRole("MEMBER");
    return new GoogleCall<>(
        "addMember",
        () -> {
          try {
            DirectoryTransport.parsed(directory.members().insert(groupKey, member), Member.class);
            return new GoogleAnswer<Void>(null, 200, null);
          } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 409 && "duplicate".equals(reason(e))) {
              return new GoogleAnswer<Void>(null, 409, null);
            }
            throw e;
          }
        });
  }

  /**
   * {@code members.delete}; status 204 (removed) or 404 (not a member). Google answers a delete
   * with 204 and no body; any other success is not Google's answer (a proxy's page), so it is an
   * unreadable answer, retried.
   */
  public static GoogleCall<Void> delete(Directory directory, String groupKey, String userKey) {
    return new GoogleCall<>(
        "removeMember",
        () -> {
          try {
            GoogleAnswer<Void> answer =
                DirectoryTransport.<Void>empty(directory.members().delete(groupKey, userKey));
            if (answer.status() != 204) {
              throw new GoogleErrors.UnreadableAnswer(
                  answer.status(),
                  new IOException("members.delete answers 204, not " + answer.status()));
            }
            return answer;
          } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404 && !aboutGroup(e)) {
              return new GoogleAnswer<Void>(null, 404, null);
            }
            throw e;
          }
        });
  }

  /**
   * {@code members.get}: the member when {@code userKey} is a <em>direct</em> member of the group;
   * null with status 404 when it is not ("Resource Not Found: memberKey"). Unlike {@code
   * members.hasMember}, which counts nested membership and refuses keys outside the group's domain,
   * this answers exactly the membership {@code members.insert} and {@code members.delete} change.
   */
  public static GoogleCall<Member> get(Directory directory, String groupKey, String userKey) {
    return new GoogleCall<>(
        "isMember",
        () -> {
          try {
            return DirectoryTransport.parsed(
                directory.members().get(groupKey, userKey), Member.class);
          } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404 && !aboutGroup(e)) {
              return new GoogleAnswer<Member>(null, 404, null);
            }
            throw e;
          }
        });
  }

  /** {@code members.list}, one page of up to {@code pageSize}. */
  public static GoogleCall<Members> list(
      Directory directory, String groupKey, int pageSize, @Nullable String pageToken) {
    return new GoogleCall<>(
        "members",
        () -> {
          Directory.Members.List list = directory.members().list(groupKey).setMaxResults(pageSize);
          if (pageToken != null) {
            list.setPageToken(pageToken);
          }
          return DirectoryTransport.parsed(list, Members.class);
        });
  }

  private static @Nullable String reason(GoogleJsonResponseException e) {
    GoogleJsonError details = e.getDetails();
    if (details == null || details.getErrors() == null || details.getErrors().isEmpty()) {
      return null;
    }
    return details.getErrors().get(0).getReason();
  }

  /** Whether a 404 says the group is missing ("Resource Not Found: groupKey"), not the member. */
  private static boolean aboutGroup(GoogleJsonResponseException e) {
    GoogleJsonError details = e.getDetails();
    return details != null
        && details.getMessage() != null
        && details.getMessage().contains("groupKey");
  }
}
