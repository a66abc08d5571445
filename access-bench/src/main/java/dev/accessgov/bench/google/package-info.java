/** Benchmarks of the Google provider against the WireMock Directory emulator. Not published. */
@NullMarked
package dev.accessgov.bench.google;

import org.jspecify.annotations.NullMarked;
