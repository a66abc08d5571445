/**
 * The catalog: sanctioned applications, their roles, and the identity-provider groups each role
 * grants.
 */
@NullMarked
package dev.accessgov.catalog;

import org.jspecify.annotations.NullMarked;
