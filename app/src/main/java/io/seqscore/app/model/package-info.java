/**
 * Model releases from the models topic: validation and decoding into serving models, the registry
 * the stream threads read them from, and the global-store processor that feeds it.
 */
package io.seqscore.app.model;
