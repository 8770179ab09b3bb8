/**
 * The math of seqscore: network architecture and the shared parameter and state layouts
 * ({@link io.seqscore.model.core.NetworkSpec}), and the immutable, thread-safe network that steps a
 * key's state one event at a time. Depends on nothing but the JDK.
 */
package io.seqscore.model.core;
