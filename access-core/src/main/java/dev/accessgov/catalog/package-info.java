/**
 * The catalog: sanctioned applications, their roles, and the identity-provider groups each role
 * grants; built in Java or loaded from a YAML or JSON file with {@link
 * dev.accessgov.catalog.CatalogFiles}.
 */
@NullMarked
package dev.accessgov.catalog;

import org.jspecify.annotations.NullMarked;
