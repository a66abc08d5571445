/** JMH benchmarks for the speed targets of the issues; run from the shaded jar. */
@NullMarked
package dev.accessgov.bench;

import org.jspecify.annotations.NullMarked;
