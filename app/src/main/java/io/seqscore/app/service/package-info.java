/**
 * The running scorer: Kafka Streams with the scoring topology, the HTTP endpoint and the metrics, started
 * and shut down together ({@link io.seqscore.app.service.ScorerService}), and their settings.
 */
package io.seqscore.app.service;
