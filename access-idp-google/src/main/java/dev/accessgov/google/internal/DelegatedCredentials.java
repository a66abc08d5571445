package dev.accessgov.google.internal;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import dev.accessgov.AccessConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds the credentials the Directory API needs: a service account's key, narrowed to our scopes
 * and acting as a Workspace admin through domain-wide delegation ({@code createScoped}, then {@code
 * createDelegated}). Makes no network call: the access token is fetched when the first request
 * needs it, from the key's {@code token_uri}. Not API.
 */
public final class DelegatedCredentials {
  private DelegatedCredentials() {}

  /**
   * Credentials from a service-account key (the JSON file Google issues), delegated to {@code
   * adminEmail}.
   *
   * @throws AccessConfigurationException when the key cannot be read; the message never holds it
   */
  public static ServiceAccountCredentials fromKey(
      String keyJson, String adminEmail, List<String> scopes) {
    ServiceAccountCredentials key;
    try {
      key =
          ServiceAccountCredentials.fromStream(
              new ByteArrayInputStream(keyJson.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException | RuntimeException e) {
      // The parser's own message may quote the input; only its type is kept.
      throw new AccessConfigurationException(
          "the Google service-account key could not be read ("
              + e.getClass().getSimpleName()
              + "); give the JSON key file of a service account (\"type\": \"service_account\")");
    }
    return delegate(key, adminEmail, scopes);
  }

  /** Narrows {@code credentials} to {@code scopes} and delegates them to {@code adminEmail}. */
  public static ServiceAccountCredentials delegate(
      ServiceAccountCredentials credentials, String adminEmail, List<String> scopes) {
    GoogleCredentials scoped = credentials.createScoped(scopes);
    return (ServiceAccountCredentials) scoped.createDelegated(adminEmail);
  }
}
