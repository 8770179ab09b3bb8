/**
 * A synthetic workload for demos and tests: a few dozen keys of seasonal series with a slow trend, noise
 * and injected anomalies of several kinds (spikes, level shifts, variance changes, frozen sensors).
 * Every value is a pure function of (seed, key, step), so a history written as CSV, a history produced
 * to the events topic and a live stream continuing it agree exactly, in any process, in any order.
 */
package io.seqscore.trainer.generate;
