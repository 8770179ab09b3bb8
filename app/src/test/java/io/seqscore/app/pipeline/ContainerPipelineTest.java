package io.seqscore.app.pipeline;

import io.seqscore.testing.KafkaRegistryContainers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import java.nio.file.Path;

/**
 * {@link TrainPublishScore} on the images {@code docker/compose.yml} runs: Apache Kafka (KRaft) and
 * Confluent's Schema Registry in containers. Runs where a Docker engine is reachable; skipped, without
 * starting anything, where none is.
 */
@Tag("docker")
@Testcontainers(disabledWithoutDocker = true)
class ContainerPipelineTest extends TrainPublishScoreContract {
    @Container
    static final KafkaRegistryContainers STACK = new KafkaRegistryContainers();
    @TempDir
    static Path dir;
    static TrainPublishScore.Outcome outcome;

    @BeforeAll
    static void run() {
        outcome = TrainPublishScore.run(STACK.bootstrapServers(), STACK.registryUrl(), dir);
    }

    @Override
    TrainPublishScore.Outcome outcome() {
        return outcome;
    }
}
