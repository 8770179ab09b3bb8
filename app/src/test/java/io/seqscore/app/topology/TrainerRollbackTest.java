package io.seqscore.app.topology;

import io.seqscore.app.model.ServingModel;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.trainer.Releases;
import io.seqscore.trainer.release.ReleaseFiles;
import io.seqscore.trainer.release.RollbackRelease;
import io.seqscore.trainer.release.SigningKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.seqscore.app.topology.ModelLifecycleTest.PARAMS_V2;
import static io.seqscore.app.topology.ScoringValuesTest.MEAN;
import static io.seqscore.app.topology.ScoringValuesTest.PARAMS;
import static io.seqscore.app.topology.ScoringValuesTest.SPEC;
import static io.seqscore.app.topology.ScoringValuesTest.STD;
import static io.seqscore.app.topology.ScoringValuesTest.assertScored;
import static io.seqscore.app.topology.ScoringValuesTest.release;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The release {@code seqscore-trainer publish --in v1.avro --rollback --sign-key ops.key} sends — built from
 * the release file and re-signed by the trainer's code — rolls a scorer that trusts only that key back to
 * version 1: it is taken up, and the keys re-warm onto version 1's weights and scores name version 1.
 */
class TrainerRollbackTest {
    private static final double[] SERIES = {10.0, 10.4, 9.8, 10.2, 9.9, 10.3};

    @Test
    void shouldRollTheScorerBackToTheVersionOfTheFile(@TempDir Path dir) {
        Path key = dir.resolve("ops.key");
        SigningKeys.write(SigningKeys.generate(), key, dir.resolve("trusted").resolve("ops.pub"));
        Path v1File = dir.resolve("v1.avro");
        ReleaseFiles.write(Releases.sign(release(1, PARAMS), key, null), v1File);

        try (ScorerDriver driver = new ScorerDriver(dir.resolve("state"),
                Map.of("seqscore.release.trusted.keys", dir.resolve("trusted").toString()))) {
            driver.publish(ReleaseFiles.read(v1File));
            for (int t = 0; t < 3; t++) {
                driver.send("k", t, SERIES[t]);
                assertThat(driver.nextScore().value().getModelVersion()).isEqualTo(1L);
            }
            driver.publish(Releases.sign(release(2, PARAMS_V2), key, null));
            driver.send("k", 3, SERIES[3]);
            Score onV2 = driver.nextScore().value();
            assertThat(onV2.getModelVersion()).isEqualTo(2L);
            assertThat(onV2.getStatus()).isEqualTo(ScoreStatus.REWARMED);

            ModelRelease rollback = Releases.sign(RollbackRelease.of(ReleaseFiles.read(v1File), 3,
                    1_720_000_000_000L), key, null);
            driver.publish(rollback);
            assertThat(driver.registry().rejections()).isEmpty();
            ServingModel serving = driver.registry().serving("default");
            assertThat(serving.version()).isEqualTo(1);
            assertThat(serving.releaseVersion()).isEqualTo(3);

            ReferenceForecaster v1 = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
            float[] previous = null;
            for (int t = 0; t < 4; t++) {
                previous = v1.step(SERIES[t]);
            }
            driver.send("k", 4, SERIES[4]);
            previous = assertScored(driver.nextScore().value(), v1, previous, 4, SERIES[4], 1, 5, ScoreStatus.REWARMED);
            driver.send("k", 5, SERIES[5]);
            assertScored(driver.nextScore().value(), v1, previous, 5, SERIES[5], 1, 6, ScoreStatus.OK);
            driver.assertNoMoreOutput();
        }
    }
}
