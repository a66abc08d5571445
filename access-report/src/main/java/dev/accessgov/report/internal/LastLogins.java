package dev.accessgov.report.internal;

import dev.accessgov.evidence.EvidenceEvent;
import dev.accessgov.evidence.EvidenceKeys;
import dev.accessgov.evidence.EvidenceType;
import dev.accessgov.report.AccessRow;
import dev.accessgov.spi.IdentityProvider;
import dev.accessgov.spi.LastLogin;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Asks identity providers when the people in an access report last signed in, once per person and
 * provider. Not API.
 */
public final class LastLogins {
  private final Map<String, IdentityProvider> providers;
  private final Map<String, @Nullable String> asked = new HashMap<>();
  private final Function<String, List<EvidenceEvent>> timeline;

  /**
   * Asks {@code providers}, by id, about the users the records' evidence names.
   *
   * @param providers by id
   * @param timeline a record's events by record id
   */
  public LastLogins(
      Map<String, IdentityProvider> providers, Function<String, List<EvidenceEvent>> timeline) {
    this.providers = Map.copyOf(providers);
    this.timeline = timeline;
  }

  /** {@code row} with its last sign-in, or as it is when no given provider can tell. */
  public AccessRow fill(AccessRow row) {
    for (String group : row.groups()) {
      String provider = group.substring(0, Math.max(0, group.indexOf(':')));
      IdentityProvider idp = providers.get(provider);
      if (idp == null) {
        continue;
      }
      String user = userIn(row.recordId(), provider);
      if (user != null) {
        String key = provider + '\u0000' + user;
        if (!asked.containsKey(key)) {
          asked.put(key, text(idp, user));
        }
        return row.withLastLogin(asked.get(key));
      }
    }
    return row;
  }

  /** The user id the record's evidence names in {@code provider}, if any. */
  private @Nullable String userIn(String recordId, String provider) {
    for (EvidenceEvent e : timeline.apply(recordId)) {
      boolean names =
          e.type() == EvidenceType.PROVISIONED || e.type() == EvidenceType.DRIFT_DETECTED;
      if (names && provider.equals(e.detailText(EvidenceKeys.PROVIDER))) {
        String user = e.detailText(EvidenceKeys.IDP_USER);
        if (user != null) {
          return user;
        }
      }
    }
    return null;
  }

  private static @Nullable String text(IdentityProvider idp, String user) {
    LastLogin login;
    try {
      login = idp.lastLogin(user);
    } catch (RuntimeException e) {
      return null; // a report is still worth having when one provider cannot say
    }
    return switch (login.kind()) {
      case AT -> String.valueOf(login.at());
      case NEVER -> "NEVER";
      case UNKNOWN -> null;
    };
  }
}
