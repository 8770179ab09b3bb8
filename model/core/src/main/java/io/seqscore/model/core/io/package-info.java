/** The versioned, validated binary form of a network (architecture, weights, normalizer). */
package io.seqscore.model.core.io;
