/**
 * The pipeline every command and integration test runs the scorer on, written once: the Kafka cluster and
 * Schema Registry ({@link io.seqscore.app.pipeline.PipelineCluster}: a broker in this process with an
 * in-memory registry, or given ones), the scorer's topics ({@link io.seqscore.app.pipeline.ScorerTopics}),
 * and {@link io.seqscore.app.pipeline.EmbeddedPipeline}, which puts them together with the scorer's
 * settings, releases published to the models topic, an events producer
 * ({@link io.seqscore.app.pipeline.EventsProducer}) and a reader of the output topics
 * ({@link io.seqscore.app.pipeline.TopicReader}). {@link io.seqscore.app.pipeline.QuietLogging} is the one
 * log configuration of the commands that run a broker in this process.
 */
package io.seqscore.app.pipeline;
