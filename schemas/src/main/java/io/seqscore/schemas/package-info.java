/**
 * Helpers for the contracts: the canonical form of a model release that signatures cover
 * ({@link io.seqscore.schemas.ReleaseCanonicalForm}) and Ed25519 signing and verification over it
 * ({@link io.seqscore.schemas.ReleaseSignatures}).
 */
package io.seqscore.schemas;
