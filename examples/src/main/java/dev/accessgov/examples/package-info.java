/** Runnable programs a newcomer starts first. */
@NullMarked
package dev.accessgov.examples;

import org.jspecify.annotations.NullMarked;
