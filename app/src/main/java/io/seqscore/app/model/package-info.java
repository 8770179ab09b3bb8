/**
 * Model releases from the models topic: validation (shapes, finite weights, known architecture, and
 * Ed25519 signatures by trusted keys) and decoding into serving models; the rollout — per model name a
 * plan of phases over event time with the serving version, canary and shadow candidates, kept versions
 * and rollbacks — that the registry swaps atomically and the stream threads read; the global-store
 * processor that feeds the registry and keeps each plan so that a restart gets it back exactly; and the
 * registry's view for the models API.
 */
package io.seqscore.app.model;
