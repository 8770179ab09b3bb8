package io.seqscore.app.topology;

import io.seqscore.app.model.RejectedRelease;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.testing.ReferenceForecaster;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.ScoreStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static io.seqscore.app.topology.ModelLifecycleTest.PARAMS_V2;
import static io.seqscore.app.topology.ScoringValuesTest.MEAN;
import static io.seqscore.app.topology.ScoringValuesTest.PARAMS;
import static io.seqscore.app.topology.ScoringValuesTest.SPEC;
import static io.seqscore.app.topology.ScoringValuesTest.STD;
import static io.seqscore.app.topology.ScoringValuesTest.assertScored;
import static io.seqscore.app.topology.ScoringValuesTest.release;
import static org.assertj.core.api.Assertions.assertThat;

/** A rollback release serves an earlier version again, under that version's number; keys re-warm onto it. */
class RollbackTest {
    private static final double[] SERIES = {10.0, 10.4, 9.8, 10.2, 9.9, 10.3};

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;

    @Test
    void shouldServeTheRestoredVersionAndRewarmOnlyTheKeysThatLeftIt() {
        driver = drivers.start(Map.of());
        driver.publish(release(1, PARAMS));
        ReferenceForecaster moved = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        ReferenceForecaster idle = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        float[] movedPrevious = null;
        float[] idlePrevious = null;
        for (int t = 0; t < 3; t++) {
            driver.send("moved", t, SERIES[t]);
            movedPrevious = assertScored(driver.nextScore().value(), moved, movedPrevious, t, SERIES[t], 1, t + 1,
                    ScoreStatus.WARMING_UP);
            driver.send("idle", t, SERIES[t]);
            idlePrevious = assertScored(driver.nextScore().value(), idle, idlePrevious, t, SERIES[t], 1, t + 1,
                    ScoreStatus.WARMING_UP);
        }
        driver.publish(release(2, PARAMS_V2));
        driver.send("moved", 3, SERIES[3]);
        assertThat(driver.nextScore().value().getModelVersion()).isEqualTo(2L);

        driver.publish(Rollouts.rollback(release(3, PARAMS), 1));
        ServingModel serving = driver.registry().serving("default");
        assertThat(serving.version()).isEqualTo(1);
        assertThat(serving.releaseVersion()).isEqualTo(3);

        ReferenceForecaster rewarmed = new ReferenceForecaster(SPEC, PARAMS, MEAN, STD);
        float[] previous = null;
        for (int t = 0; t < 4; t++) {
            previous = rewarmed.step(SERIES[t]);
        }
        driver.send("moved", 4, SERIES[4]);
        previous = assertScored(driver.nextScore().value(), rewarmed, previous, 4, SERIES[4], 1, 5, ScoreStatus.REWARMED);
        driver.send("moved", 5, SERIES[5]);
        assertScored(driver.nextScore().value(), rewarmed, previous, 5, SERIES[5], 1, 6, ScoreStatus.OK);

        driver.send("idle", 4, SERIES[4]);
        assertScored(driver.nextScore().value(), idle, idlePrevious, 4, SERIES[4], 1, 4, ScoreStatus.OK);
        driver.assertNoMoreOutput();
    }

    @Test
    void shouldRejectARollbackWhoseWeightsAreNotThoseOfTheVersionItNames() {
        driver = drivers.start(Map.of());
        driver.publish(release(1, PARAMS));
        driver.publish(release(2, PARAMS_V2));
        driver.publish(Rollouts.rollback(release(3, PARAMS_V2), 1));
        assertThat(driver.registry().rejections()).containsExactly(new RejectedRelease("default", 3,
                "rollback to version 1 carries other weights or another architecture than version 1 (release 1),"
                        + " which this scorer still keeps", ScorerDriver.WALL_START.toEpochMilli()));
        driver.send("k", 0, 10.0);
        assertScored(driver.nextScore().value(), new ReferenceForecaster(SPEC, PARAMS_V2, MEAN, STD), null, 0, 10.0, 2, 1,
                ScoreStatus.WARMING_UP);
        driver.assertNoMoreOutput();
    }
}
