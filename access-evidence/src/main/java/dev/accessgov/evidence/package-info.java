/**
 * The tamper-evident evidence chain: {@link dev.accessgov.evidence.EvidenceEvent}s linked by
 * SHA-256 over RFC 8785 canonical JSON, Ed25519-signed {@link dev.accessgov.evidence.Checkpoint}s,
 * the export format an auditor receives, and the offline {@link
 * dev.accessgov.evidence.EvidenceVerifier}.
 */
@NullMarked
package dev.accessgov.evidence;

import org.jspecify.annotations.NullMarked;
