/** Benchmarks of the Okta provider against the WireMock Okta emulator. Not published. */
@NullMarked
package dev.accessgov.bench.okta;

import org.jspecify.annotations.NullMarked;
