/**
 * {@code seqscore replay}: a span of the events topic scored again by a given release, in a Kafka Streams
 * application and topics of its own, with a summary and a comparison with the scores that were served.
 */
package io.seqscore.app.replay;
