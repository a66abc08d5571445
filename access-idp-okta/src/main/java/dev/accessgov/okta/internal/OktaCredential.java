package dev.accessgov.okta.internal;

import java.util.Map;

/**
 * What a request to the org carries to prove who sends it: its authentication headers, computed for
 * each request because a DPoP proof names the request's method and URL. Implementations read their
 * secret when called, so a rotated secret is picked up, and never put it anywhere but the returned
 * headers. Not API.
 */
@FunctionalInterface
public interface OktaCredential {
  /**
   * The headers to set on a request.
   *
   * @param method the HTTP method, e.g. {@code GET}
   * @param url the request's URL without query or fragment, e.g. {@code
   *     https://example.okta.com/api/v1/users/00u1}
   * @return header names and values, {@code Authorization} among them
   */
  Map<String, String> headers(String method, String url);
}
