package dev.accessgov.google.internal;

import com.google.api.services.directory.Directory;
import com.google.api.services.directory.model.Group;
import dev.accessgov.ProviderException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves the group keys a catalog may use to Google's group ids, once. A catalog may name a group
 * by its e-mail (or an alias of it) or by its id; membership calls then use the id, which stays
 * valid when the group's e-mail is renamed, and receipts name one stable group. A key without
 * {@code @} is taken as an id without asking Google. Only successful look-ups are cached, so a
 * group created later is found. Thread-safe. Not API.
 */
public final class GroupKeys {
  /** Plenty for any catalog; the cache starts over beyond it rather than grow without bound. */
  private static final int MAX_ENTRIES = 10_000;

  private final String providerId;
  private final Directory directory;
  private final GoogleCalls calls;
  private final Map<String, String> ids = new ConcurrentHashMap<>();

  /** A resolver for provider {@code providerId}, asking {@code directory} through {@code calls}. */
  public GroupKeys(String providerId, Directory directory, GoogleCalls calls) {
    this.providerId = providerId;
    this.directory = directory;
    this.calls = calls;
  }

  /**
   * The group id for {@code groupKey}: the key itself when it is an id, else Google's answer to
   * {@code groups.get}, cached.
   *
   * @throws dev.accessgov.ProviderException when Google does not know the group (404) or refuses
   */
  public String id(String groupKey, String operation, long deadline) {
    if (groupKey.indexOf('@') < 0) {
      return groupKey;
    }
    // Google treats e-mail addresses case-insensitively.
    String key = groupKey.toLowerCase(Locale.ROOT);
    String cached = ids.get(key);
    if (cached != null) {
      return cached;
    }
    GoogleAnswer<Group> answer =
        calls.run(
            new GoogleCall<>(
                operation,
                () -> DirectoryTransport.parsed(directory.groups().get(key), Group.class)),
            deadline);
    Group group = answer.value();
    if (group == null || group.getId() == null) {
      throw new ProviderException(
          providerId,
          operation,
          answer.status(),
          null,
          answer.requestId(),
          false,
          "Google answered groups.get for " + groupKey + " without a group id",
          null);
    }
    if (ids.size() >= MAX_ENTRIES) {
      ids.clear();
    }
    ids.put(key, group.getId());
    return group.getId();
  }

  /** How many keys are cached (for tests). */
  public int size() {
    return ids.size();
  }
}
