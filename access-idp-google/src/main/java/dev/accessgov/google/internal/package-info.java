/**
 * The Google provider's machinery: the Directory client and its HTTP setup, the delegated
 * service-account credentials, retries, quota pacing, error translation and the group-key cache.
 * Not API: anything here may change without notice.
 */
@NullMarked
package dev.accessgov.google.internal;

import org.jspecify.annotations.NullMarked;
