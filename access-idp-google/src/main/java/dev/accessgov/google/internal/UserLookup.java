package dev.accessgov.google.internal;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.User;
import dev.accessgov.ProviderException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code users.get}, and the primary e-mail {@code members.insert} needs. The discovery document's
 * {@code Member.email} "is required when adding a member to a group", while the SPI hands {@code
 * addMember} the user id {@code findUser} returned; so every user Google answers for is remembered
 * as id → primary e-mail, and a user not seen yet is looked up once. A renamed user's old address
 * stays an alias of the same user, so a remembered address still names the right person.
 * Thread-safe. Not API.
 */
public final class UserLookup {
  /** Plenty for the users one process grants to; the cache starts over beyond it. */
  private static final int MAX_ENTRIES = 10_000;

  private final String providerId;
  private final Directory directory;
  private final GoogleCalls calls;
  private final Map<String, String> emails = new ConcurrentHashMap<>();

  /** A lookup for provider {@code providerId}, asking {@code directory} through {@code calls}. */
  public UserLookup(String providerId, Directory directory, GoogleCalls calls) {
    this.providerId = providerId;
    this.directory = directory;
    this.calls = calls;
  }

  /**
   * The user {@code userKey} (id, primary e-mail or alias) names; empty when Google answers 404.
   *
   * @throws ProviderException when Google refuses otherwise
   */
  public Optional<User> get(String operation, String userKey, long deadline) {
    try {
      GoogleAnswer<User> answer =
          calls.run(
              new GoogleCall<>(
                  operation,
                  () -> DirectoryTransport.parsed(directory.users().get(userKey), User.class)),
              deadline);
      User user = answer.value();
      if (user != null && user.getId() != null && user.getPrimaryEmail() != null) {
        if (emails.size() >= MAX_ENTRIES) {
          emails.clear();
        }
        emails.put(user.getId(), user.getPrimaryEmail());
      }
      return Optional.ofNullable(user);
    } catch (ProviderException e) {
      if (e.status() == 404) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /**
   * The e-mail to name {@code userKey} by in {@code members.insert}: the key itself when it is an
   * address, else the user's primary e-mail, remembered or asked for.
   *
   * @throws ProviderException 404 {@code notFound} when Google knows no such user
   */
  public String email(String operation, String userKey, long deadline) {
    if (userKey.indexOf('@') >= 0) {
      return userKey;
    }
    String known = emails.get(userKey);
    if (known != null) {
      return known;
    }
    return get(operation, userKey, deadline)
        .map(User::getPrimaryEmail)
        .orElseThrow(
            () ->
                new ProviderException(
                    providerId,
                    operation,
                    404,
                    "notFound",
                    null,
                    false,
                    "Google knows no user "
                        + userKey
                        + " (users.get answered 404); give the id or e-mail findUser returned",
                    null));
  }
}
