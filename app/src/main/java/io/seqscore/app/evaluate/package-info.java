/**
 * {@code seqscore evaluate}: public benchmarks run end to end through the real pipeline (trainer, models topic,
 * scorer on an embedded broker), each writing the benchmark's own results layout.
 */
package io.seqscore.app.evaluate;
