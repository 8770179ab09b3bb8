/**
 * Training history: events per series key read from CSV files or from the events topic, with every bad
 * input reported by location (file and line, or topic, partition and offset) and either skipped and
 * counted or failing the run.
 */
package io.seqscore.trainer.source;
