/** The scorer's Kafka Streams topology, built by one function from the configuration. */
package io.seqscore.app.topology;
