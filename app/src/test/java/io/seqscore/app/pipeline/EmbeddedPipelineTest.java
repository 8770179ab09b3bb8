package io.seqscore.app.pipeline;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link TrainPublishScore} on a real KRaft broker in this JVM with an in-memory Schema Registry. */
class EmbeddedPipelineTest extends TrainPublishScoreContract {
    @TempDir
    static Path dir;
    static PipelineCluster cluster;
    static TrainPublishScore.Outcome outcome;

    @BeforeAll
    static void run() {
        cluster = PipelineCluster.embedded("pipeline");
        outcome = TrainPublishScore.run(cluster.bootstrapServers(), cluster.registryUrl(), dir);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    TrainPublishScore.Outcome outcome() {
        return outcome;
    }
}
