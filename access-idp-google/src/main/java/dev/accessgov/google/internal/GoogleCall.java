package dev.accessgov.google.internal;

import java.io.IOException;

/**
 * One Directory API call to make, with what is needed to retry it and to explain its failure. Not
 * API.
 *
 * @param operation the SPI operation it serves, e.g. {@code addMember}
 * @param request the call itself; idempotent, so it may be repeated
 * @param <T> the body's type
 */
public record GoogleCall<T>(String operation, Request<T> request) {

  /** A call to the Directory API that may be repeated. */
  @FunctionalInterface
  public interface Request<T> {
    /** Sends the request once and reads the answer. */
    GoogleAnswer<T> send() throws IOException;
  }
}
