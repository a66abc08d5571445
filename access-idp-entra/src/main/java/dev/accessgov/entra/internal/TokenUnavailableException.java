package dev.accessgov.entra.internal;

import org.jspecify.annotations.Nullable;

/**
 * No token could be had from the credential in time (the token endpoint was unreachable, slow or
 * answered nonsense); a refusal of the credential itself is azure-identity's {@code
 * ClientAuthenticationException} instead. Translated to a retryable {@code ProviderException}. The
 * message names the failure's type only, never the credential. Not API.
 */
final class TokenUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  TokenUnavailableException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }
}
