/**
 * The offline trainer of seqscore: history (CSV files or the events topic) in, a trained, evaluated,
 * calibrated and optionally signed {@link io.seqscore.avro.ModelRelease} out, to a file or the models
 * topic. {@link io.seqscore.trainer.Main} is the entry point of {@code seqscore-trainer.jar}; the
 * commands live in {@code cli}, the steps in {@code source}, {@code data}, {@code train}, {@code eval},
 * {@code calibrate}, {@code release} and {@code kafka}; {@code generate} makes the synthetic workload of the
 * demos and tests.
 */
package io.seqscore.trainer;
