/**
 * The entry points: {@link dev.accessgov.AccessService} and its builder, {@link
 * dev.accessgov.GrantRequest}, and the {@link dev.accessgov.AccessException} hierarchy.
 */
@NullMarked
package dev.accessgov;

import org.jspecify.annotations.NullMarked;
