package io.seqscore.app.pipeline;

import io.seqscore.app.kafka.EmbeddedKafka;
import io.seqscore.serde.MockSchemaRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

/** {@link TrainPublishScore} on a real KRaft broker in this JVM with an in-memory Schema Registry. */
class EmbeddedPipelineTest extends TrainPublishScoreContract {
    private static final String SCOPE = "pipeline";
    @TempDir
    static Path dir;
    static EmbeddedKafka kafka;
    static TrainPublishScore.Outcome outcome;

    @BeforeAll
    static void run() {
        kafka = EmbeddedKafka.start();
        outcome = TrainPublishScore.run(kafka.bootstrapServers(), MockSchemaRegistry.URL_PREFIX + SCOPE, dir);
    }

    @AfterAll
    static void stop() {
        if (kafka != null) {
            kafka.close();
        }
        MockSchemaRegistry.dropScope(SCOPE);
    }

    @Override
    TrainPublishScore.Outcome outcome() {
        return outcome;
    }
}
