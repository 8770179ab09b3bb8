/**
 * The trainer's Kafka side: client settings that pass every Kafka and registry property through, a
 * reader of a whole topic up to the end offsets it found when it started, and the models topic (latest
 * versions, publishing with an idempotent producer and acks=all).
 */
package io.seqscore.trainer.kafka;
