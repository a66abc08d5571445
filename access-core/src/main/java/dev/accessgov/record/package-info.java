/**
 * The one access record, its states and identities, and the five-question audit walkthrough built
 * from its timeline.
 */
@NullMarked
package dev.accessgov.record;

import org.jspecify.annotations.NullMarked;
