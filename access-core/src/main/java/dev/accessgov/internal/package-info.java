/** Implementation of the service. Not API: anything here may change without notice. */
@NullMarked
package dev.accessgov.internal;

import org.jspecify.annotations.NullMarked;
