package dev.accessgov.catalog;

import dev.accessgov.AccessConfigurationException;
import dev.accessgov.InvalidRequestException;
import java.util.function.Supplier;

/**
 * Makes the ids a catalog is built from. An id that breaks {@link dev.accessgov.InputLimits#id} is
 * a mistake in the catalog, so it is reported as an {@link AccessConfigurationException}: the same
 * check applies to requests, so every id the catalog accepts can be named in a request.
 */
final class CatalogIds {
  private CatalogIds() {}

  static <T> T checked(Supplier<T> make) {
    try {
      return make.get();
    } catch (InvalidRequestException e) {
      throw new AccessConfigurationException("catalog: " + e.getMessage());
    }
  }
}
