/**
 * The scorer's metrics (Micrometer, exposed in the Prometheus format): seqscore's own meters read from
 * the counters the scoring path already keeps, the Kafka Streams client's metrics and the JVM's.
 */
package io.seqscore.app.metrics;
