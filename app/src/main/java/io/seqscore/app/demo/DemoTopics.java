package io.seqscore.app.demo;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The demo's topics, all named with the prefix {@value #PREFIX} (so is the scorer's application id, and
 * with it Kafka Streams' changelog): on a cluster of one's own the demo can remove whatever an earlier run
 * left, and start fresh.
 */
record DemoTopics(String events, String scores, String anomalies, String dlq, String models, String shadowScores) {
    static final String PREFIX = "seqscore-demo-";
    static final int PARTITIONS = 2;

    static DemoTopics standard() {
        return new DemoTopics(PREFIX + "events", PREFIX + "scores", PREFIX + "anomalies", PREFIX + "events-dlq",
                PREFIX + "models", PREFIX + "shadow-scores");
    }

    List<NewTopic> newTopics() {
        return List.of(topic(events, PARTITIONS), topic(scores, PARTITIONS), topic(anomalies, 1), topic(dlq, 1),
                topic(shadowScores, 1), topic(models, 1).configs(Map.of("cleanup.policy", "compact")));
    }

    private static NewTopic topic(String name, int partitions) {
        return new NewTopic(name, Optional.of(partitions), Optional.empty());
    }

    /**
     * Deletes every topic named with the prefix (an earlier run's, changelogs included), waits until they
     * are gone, and creates this run's (replication: the broker's default).
     */
    void createFresh(Admin admin, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> stale = demoTopics(admin, timeout);
        if (!stale.isEmpty()) {
            await(admin.deleteTopics(stale).all(), timeout, "deleting " + stale);
            while (!demoTopics(admin, timeout).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the earlier demo topics " + stale + " were not deleted within "
                            + timeout.toSeconds() + " s");
                }
                Thread.sleep(200);
            }
        }
        while (true) {
            try {
                await(admin.createTopics(newTopics()).all(), timeout, "creating the demo topics");
                return;
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof TopicExistsException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    /** Deletes every topic named with the prefix; waits for the broker's answer. */
    static void deleteAll(Admin admin, Duration timeout) throws InterruptedException {
        Set<String> names = demoTopics(admin, timeout);
        if (!names.isEmpty()) {
            try {
                await(admin.deleteTopics(names).all(), timeout, "deleting " + names);
            } catch (IllegalStateException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
    }

    static Set<String> demoTopics(Admin admin, Duration timeout) throws InterruptedException {
        Set<String> names = await(admin.listTopics().names(), timeout, "listing topics");
        return names.stream().filter(n -> n.startsWith(PREFIX)).collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, Duration timeout, String what)
            throws InterruptedException {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " timed out after " + timeout.toSeconds() + " s", e);
        }
    }
}
