/**
 * {@code seqscore evaluate nab}: the Numenta Anomaly Benchmark through the real pipeline. {@link
 * io.seqscore.app.evaluate.nab.NabCorpus} reads a NAB data directory, {@link io.seqscore.app.evaluate.nab.NabTraining}
 * trains one signed SEASONAL_CHANGES release per file on its probationary rows (the trainer's {@code nab} recipe),
 * {@link io.seqscore.app.evaluate.nab.NabPipeline} publishes them and scores every row on an embedded broker, and
 * {@link io.seqscore.app.evaluate.nab.NabResults} writes NAB's results layout.
 */
package io.seqscore.app.evaluate.nab;
