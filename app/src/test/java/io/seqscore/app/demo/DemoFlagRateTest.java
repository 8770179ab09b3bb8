package io.seqscore.app.demo;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.service.ScorerService;
import io.seqscore.app.testing.SharedCluster;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.trainer.generate.AnomalyKind;
import io.seqscore.trainer.generate.InjectedAnomaly;
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
 * {@code ./mvnw -B -pl app -am test -Dtest=DemoFlagRateTest -Dsurefire.failIfNoSpecifiedTests=false}. With
 * {@code -Ddemo.flag.settings=KEY=VALUE[,KEY=VALUE...]} (seqscore.* settings) the "default" runs score with those
 * settings instead (the run without the alarm level too), e.g.
 * {@code -Ddemo.flag.settings=seqscore.anomaly.range.instant.weight=0.5}.
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
    private static GeneratedSource injected;
    private static ModelRelease v1Injected;
    private int runs;

    @TempDir
    Path state;

    @BeforeAll
    static void trainV1AsTheDemoDoes() {
        WorkloadSpec normal = WorkloadSpec.builder().keys(KEYS).seed(SEED).stepMillis(STEP_MILLIS).anomalyProbability(0)
                .build();
        source = new GeneratedSource(normal, HISTORY, NOW);
        v1 = trainV1(source);
        injected = new GeneratedSource(GeneratedSource.spec(KEYS, SEED, STEP_MILLIS), HISTORY, NOW);
        v1Injected = trainV1(injected);
    }

    private static ModelRelease trainV1(GeneratedSource s) {
        return new DemoTrainer(DemoRun.MODEL, s.description()).trainUntilPassing(s.history(HISTORY),
                new DemoTrainer.ModelSize(DemoOptions.V1_HIDDEN, 6, SEED), 1, Rollout.FULL, NOW, TrainingProgress.NONE,
                retry -> { }).release();
    }

    @Test
    void shouldFlagAtMostTwiceTheTargetRateOnTheDemosNormalSensorsWithTheDefaultDetector() throws Exception {
        double target = v1.getCalibration().getTargetFpr();
        assertThat(target).isEqualTo(DemoTrainer.TARGET_FPR);
        Rate byDefault = flagRate(defaultSettings());
        Map<String, String> withoutLevel = new java.util.TreeMap<>(defaultSettings());
        withoutLevel.put(SeqscoreConfig.ADAPTIVE_STEP_CONFIG, "0");
        Rate everyAlarm = flagRate(withoutLevel);
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

    /**
     * The demo's own workload, anomalies injected: the share of injected anomalies of each kind with a flag in
     * their first 3 steps, and from their start to 32 steps after their end, with the default detector and with
     * {@code calibrated} (printed: the measured trade-off of docs/anomaly-detection.md). Range novelty flags only
     * what takes a key beyond its ranges; the calibrated residual also flags spikes inside them.
     */
    @Test
    void shouldMeasureWhichInjectedAnomaliesEachDetectorFlags() throws Exception {
        boolean[][] rangeFlags = flags(injected, v1Injected, defaultSettings());
        boolean[][] calibratedFlags = flags(injected, v1Injected,
                Map.of(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, "calibrated"));
        Map<AnomalyKind, int[]> byDefault = detected(rangeFlags, 3, 0);
        Map<AnomalyKind, int[]> calibrated = detected(calibratedFlags, 3, 0);
        System.out.printf(Locale.ROOT, "demo injected anomalies (kind flagged/injected), a flag in the first 3 steps:"
                + " default detector %s; calibrated %s; a flag from the start to 32 steps after the end: default %s;"
                + " calibrated %s%n", text(byDefault), text(calibrated), text(detected(rangeFlags, 0, 32)),
                text(detected(calibratedFlags, 0, 32)));
        int rangeTotal = 0;
        int calibratedTotal = 0;
        for (AnomalyKind kind : AnomalyKind.values()) {
            rangeTotal += byDefault.get(kind)[0];
            calibratedTotal += calibrated.get(kind)[0];
        }
        assertThat(byDefault.get(AnomalyKind.SPIKE)[1]).as("spikes injected").isGreaterThan(10);
        assertThat(calibrated.get(AnomalyKind.SPIKE)[0]).as("spikes the calibrated residual flags")
                .isGreaterThan(calibrated.get(AnomalyKind.SPIKE)[1] / 2);
        assertThat(rangeTotal).as("onsets the default flags, fewer than calibrated's").isLessThan(calibratedTotal);
    }

    /** The settings of the "default" runs: none, or those of the demo.flag.settings property. */
    private static Map<String, String> defaultSettings() {
        Map<String, String> settings = new java.util.TreeMap<>();
        for (String pair : System.getProperty("demo.flag.settings", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        if (!settings.isEmpty()) {
            System.out.println("demo.flag.settings: the default detector's runs with " + settings);
        }
        return settings;
    }

    /**
     * Per kind: {anomalies with a flag in their first {@code within} steps (0: from their start to {@code after}
     * steps after their end), anomalies} among the anomalies starting in the streamed steps.
     */
    private static Map<AnomalyKind, int[]> detected(boolean[][] flagged, int within, int after) {
        Map<AnomalyKind, int[]> out = new java.util.EnumMap<>(AnomalyKind.class);
        for (AnomalyKind kind : AnomalyKind.values()) {
            out.put(kind, new int[2]);
        }
        long first = injected.step(HISTORY - BACKLOG);
        for (int k = 0; k < KEYS; k++) {
            for (InjectedAnomaly a : injected.workload().anomalies(k, first, injected.step(HISTORY + LIVE))) {
                int at = (int) (a.start() - first);
                int to = within > 0 ? at + within : (int) (a.end() - first) + after;
                if (at < 1 || to > flagged[k].length) {
                    continue;
                }
                int[] c = out.get(a.kind());
                c[1]++;
                boolean any = false;
                for (int i = at; i < to; i++) {
                    any |= flagged[k][i];
                }
                c[0] += any ? 1 : 0;
            }
        }
        return out;
    }

    private static String text(Map<AnomalyKind, int[]> counts) {
        StringBuilder b = new StringBuilder();
        counts.forEach((kind, c) -> b.append(b.length() == 0 ? "" : ", ").append(kind).append(' ').append(c[0])
                .append('/').append(c[1]));
        return b.toString();
    }

    /** Flagged and scored events of the backlog and the live steps, scored with these settings over the demo's. */
    private Rate flagRate(Map<String, String> settings) throws Exception {
        boolean[][] flagged = flags(source, v1, settings);
        long n = 0;
        for (boolean[] key : flagged) {
            for (boolean f : key) {
                n += f ? 1 : 0;
            }
        }
        return new Rate(n, scored);
    }

    private long scored;

    /** Per key (workload index) and streamed step (from the backlog's first): whether the event was flagged. */
    private boolean[][] flags(GeneratedSource src, ModelRelease release, Map<String, String> settings)
            throws Exception {
        EmbeddedPipeline.Builder builder = CLUSTER.pipeline("demo-flags", state.resolve("run" + (++runs)))
                .setting(SeqscoreConfig.MODEL_NAME_CONFIG, DemoRun.MODEL);
        settings.forEach(builder::setting);
        try (EmbeddedPipeline pipeline = builder.start()) {
            pipeline.publish(release);
            ScorerService scorer = pipeline.startScorer();
            EmbeddedPipeline.awaitReleases(scorer.registry(), List.of(release), TIMEOUT);
            EventsProducer producer = pipeline.eventsProducer("demo-flags", Map.of());
            long events = 0;
            for (long i = HISTORY - BACKLOG; i < HISTORY + LIVE; i++) {
                for (DemoEvent e : src.tick(i)) {
                    producer.send(e.key(), e.toEvent());
                    events++;
                }
            }
            producer.flush();
            Map<String, Integer> index = new java.util.HashMap<>();
            for (int k = 0; k < KEYS; k++) {
                index.put(src.workload().key(k), k);
            }
            long firstTime = src.workload().eventTime(src.step(HISTORY - BACKLOG));
            boolean[][] flagged = new boolean[KEYS][BACKLOG + LIVE];
            long[] counts = new long[2];
            long expected = events;
            boolean complete = pipeline.scoresReader().readUntil(() -> counts[0] >= expected, r -> {
                Score s = r.value();
                counts[0]++;
                if (s.getAnomalyScore() != null) {
                    counts[1]++;
                    int at = (int) ((s.getEventTime().toEpochMilli() - firstTime) / STEP_MILLIS);
                    flagged[index.get(r.key())][at] = s.getAnomaly();
                }
            }, TIMEOUT);
            assertThat(complete).as("%d of %d scores", counts[0], expected).isTrue();
            scored = counts[1];
            return flagged;
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
