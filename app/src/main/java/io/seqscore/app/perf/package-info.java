/**
 * {@code seqscore perf}: the end-to-end benchmark users size clusters from. It pre-produces a workload of
 * Avro events ({@link io.seqscore.app.perf.Workload}), publishes a model of the chosen architecture
 * ({@link io.seqscore.app.perf.PerfModel}), and drains the events alternately through the real scorer
 * topology and a baseline topology with the same serdes and store that does no math
 * ({@link io.seqscore.app.perf.BaselineTopology}); then it measures append-to-append latency and model swap
 * latency on a paced stream ({@link io.seqscore.app.perf.LivePhase}) and the restore of a large store from its
 * changelog ({@link io.seqscore.app.perf.RestoreBench}), and prints a report
 * ({@link io.seqscore.app.perf.PerfReport}) that ends with the line {@code ratio scorer/baseline = R}.
 */
package io.seqscore.app.perf;
