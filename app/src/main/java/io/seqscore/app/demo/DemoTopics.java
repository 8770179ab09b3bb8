package io.seqscore.app.demo;

import io.seqscore.app.pipeline.ScorerTopics;

/**
 * The demo's topics, all named with the prefix {@value #PREFIX} (so is the scorer's application id, and
 * with it Kafka Streams' changelog): on a cluster of one's own the demo can remove whatever an earlier run
 * left, and start fresh.
 */
final class DemoTopics {
    static final String PREFIX = "seqscore-demo-";
    static final int PARTITIONS = 2;
    static final ScorerTopics TOPICS = ScorerTopics.prefixed(PREFIX).withDlq(PREFIX + "events-dlq");

    private DemoTopics() {
    }
}
