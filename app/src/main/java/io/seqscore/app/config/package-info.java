/** seqscore's settings (one ConfigDef), their pass-through to Kafka Streams, and environment overrides. */
package io.seqscore.app.config;
