package io.seqscore.app.pipeline;

import io.seqscore.app.testing.SharedCluster;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link TrainPublishScore} on a real KRaft broker in this JVM with an in-memory Schema Registry. */
class EmbeddedPipelineTest extends TrainPublishScoreContract {
    @TempDir
    static Path dir;
    @RegisterExtension
    static final SharedCluster CLUSTER = new SharedCluster("pipeline");
    static TrainPublishScore.Outcome outcome;

    @BeforeAll
    static void run() {
        outcome = TrainPublishScore.run(CLUSTER.cluster().bootstrapServers(), CLUSTER.cluster().registryUrl(), dir);
    }

    @Override
    TrainPublishScore.Outcome outcome() {
        return outcome;
    }
}
