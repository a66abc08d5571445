/** Benchmarks of the Entra provider against the WireMock Graph emulator. Not published. */
@NullMarked
package dev.accessgov.bench.entra;

import org.jspecify.annotations.NullMarked;
