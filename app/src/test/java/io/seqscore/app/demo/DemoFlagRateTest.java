package io.seqscore.app.demo;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.service.ScorerService;
import io.seqscore.app.testing.SharedCluster;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.trainer.generate.WorkloadSpec;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.train.TrainingProgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The flag rate on the demo's normal sensors, through the real pipeline: the demo's generated workload (24 keys,
 * seed 42, 2 events a second, a season of a minute, the slow trend) with no injected anomaly, model v1 trained as
 * the demo trains it (the first 1,200 steps, 16 LSTM units, 6 epochs, target rate 1 %), then the demo's backlog
 * (the history's last 240 steps) and 2,400 live steps (a whole trend cycle, 20 minutes of the demo) streamed
 * through the scorer with the default detector and, for comparison, without its alarm level and with
 * {@code calibrated}. Flag rate = flagged events / scored events. Prints one line per detector (QUALITY.md, "Flag rate on normal data"):
 * {@code ./mvnw -B -pl app -am test -Dtest=DemoFlagRateTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class DemoFlagRateTest {
    static final int KEYS = 24;
    static final long SEED = 42;
    static final int HISTORY = 1200;
    static final int BACKLOG = 240;
    static final int LIVE = 2400;
    static final long STEP_MILLIS = 500;
    /** Live start of the workload: a fixed time, so the run does not depend on the clock. */
    static final long NOW = 1_767_225_600_000L;
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    @RegisterExtension
    static final SharedCluster CLUSTER = new SharedCluster("demo-flag-rate");

    private static GeneratedSource source;
    private static ModelRelease v1;
    private int runs;

    @TempDir
    Path state;

    @BeforeAll
    static void trainV1AsTheDemoDoes() {
        WorkloadSpec normal = WorkloadSpec.builder().keys(KEYS).seed(SEED).stepMillis(STEP_MILLIS).anomalyProbability(0)
                .build();
        source = new GeneratedSource(normal, HISTORY, NOW);
        v1 = new DemoTrainer(DemoRun.MODEL, source.description()).trainUntilPassing(source.history(HISTORY),
                new DemoTrainer.ModelSize(DemoOptions.V1_HIDDEN, 6, SEED), 1, Rollout.FULL, NOW, TrainingProgress.NONE,
                retry -> { }).release();
    }

    @Test
    void shouldFlagAtMostTwiceTheTargetRateOnTheDemosNormalSensorsWithTheDefaultDetector() throws Exception {
        double target = v1.getCalibration().getTargetFpr();
        assertThat(target).isEqualTo(DemoTrainer.TARGET_FPR);
        Rate byDefault = flagRate(Map.of());
        Rate everyAlarm = flagRate(Map.of(SeqscoreConfig.ADAPTIVE_STEP_CONFIG, "0"));
        Rate calibrated = flagRate(Map.of(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, "calibrated"));
        System.out.printf(Locale.ROOT, "demo normal sensors (%d keys, %d events streamed, target %.2f %%): default"
                        + " detector %s; without its alarm level (adaptive.step=0) %s; calibrated %s%n", KEYS,
                KEYS * (BACKLOG + LIVE), 100 * target, byDefault, everyAlarm, calibrated);
        assertThat(byDefault.scored()).as("events scored").isGreaterThan(KEYS * (BACKLOG + LIVE - 1) - 1);
        assertThat(byDefault.rate()).as("default detector's flag rate %s", byDefault).isLessThanOrEqualTo(2 * target);
        assertThat(byDefault.flagged()).as("flags are alarms above the alarm level")
                .isLessThanOrEqualTo(everyAlarm.flagged());
        assertThat(byDefault.rate()).as("default %s below calibrated %s", byDefault, calibrated)
                .isLessThan(calibrated.rate());
    }

    /** Flagged and scored events of the backlog and the live steps, scored with these settings over the demo's. */
    private Rate flagRate(Map<String, String> settings) throws Exception {
        EmbeddedPipeline.Builder builder = CLUSTER.pipeline("demo-flags", state.resolve("run" + (++runs)))
                .setting(SeqscoreConfig.MODEL_NAME_CONFIG, DemoRun.MODEL);
        settings.forEach(builder::setting);
        try (EmbeddedPipeline pipeline = builder.start()) {
            pipeline.publish(v1);
            ScorerService scorer = pipeline.startScorer();
            EmbeddedPipeline.awaitReleases(scorer.registry(), List.of(v1), TIMEOUT);
            EventsProducer producer = pipeline.eventsProducer("demo-flags", Map.of());
            long events = 0;
            for (long i = HISTORY - BACKLOG; i < HISTORY + LIVE; i++) {
                for (DemoEvent e : source.tick(i)) {
                    producer.send(e.key(), e.toEvent());
                    events++;
                }
            }
            producer.flush();
            long[] counts = new long[3];
            long expected = events;
            boolean complete = pipeline.scoresReader().readUntil(() -> counts[0] >= expected, r -> {
                Score s = r.value();
                counts[0]++;
                if (s.getAnomalyScore() != null) {
                    counts[1]++;
                    counts[2] += s.getAnomaly() ? 1 : 0;
                }
            }, TIMEOUT);
            assertThat(complete).as("%d of %d scores", counts[0], expected).isTrue();
            return new Rate(counts[2], counts[1]);
        }
    }

    record Rate(long flagged, long scored) {
        double rate() {
            return (double) flagged / scored;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d of %d flagged (%.3f %%)", flagged, scored, 100 * rate());
        }
    }
}
