/**
 * The per-event scoring: the Processor API processor, anomaly scores from residuals, dead-letter
 * records, the policies and the metrics each outcome is counted in.
 */
package io.seqscore.app.scoring;
