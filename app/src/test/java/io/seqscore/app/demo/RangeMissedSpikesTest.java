package io.seqscore.app.demo;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.scoring.KeyScorer;
import io.seqscore.app.scoring.ScoringSettings;
import io.seqscore.app.state.KeyState;
import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.anomaly.RangeNovelty;
import io.seqscore.trainer.generate.AnomalyKind;
import io.seqscore.trainer.generate.InjectedAnomaly;
import io.seqscore.trainer.generate.SyntheticWorkload;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.train.TrainingProgress;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why {@code range} misses the demo's injected spikes (docs/anomaly-detection.md, "What range misses"): the
 * injected workload and model v1 of {@link DemoFlagRateTest}, the same streamed steps (backlog and live), each key
 * folded through a {@link KeyScorer} in process with the instant channel on
 * ({@code seqscore.anomaly.range.instant.weight=0.5}, or the settings of {@code -Ddemo.flag.settings=KEY=VALUE,...}),
 * and for every spike: its forecast error r = |z − ẑ| against the largest r the key had shown before (what the
 * instant channel's hi holds without a memory) and which event set that record (the key's first 2 × s_r forecasts,
 * an injected anomaly or the 64 steps after one ends, or a normal event), the value and averaged forecast-error
 * channels' exceedances, q, the refractory period, the flag.
 * Prints one line per spike and the cause counts:
 * {@code ./mvnw -B -pl app -am test -Dtest=RangeMissedSpikesTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class RangeMissedSpikesTest {
    private static final int AFTER = 64;
    private static final int WARM = 128;

    private static GeneratedSource injected;
    private static ServingModel model;

    @BeforeAll
    static void trainV1AsTheDemoDoes() throws Exception {
        injected = new GeneratedSource(GeneratedSource.spec(DemoFlagRateTest.KEYS, DemoFlagRateTest.SEED,
                DemoFlagRateTest.STEP_MILLIS), DemoFlagRateTest.HISTORY, DemoFlagRateTest.NOW);
        ModelRelease release = new DemoTrainer(DemoRun.MODEL, injected.description()).trainUntilPassing(
                injected.history(DemoFlagRateTest.HISTORY), new DemoTrainer.ModelSize(DemoOptions.V1_HIDDEN, 6,
                        DemoFlagRateTest.SEED), 1, Rollout.FULL, DemoFlagRateTest.NOW, TrainingProgress.NONE,
                retry -> { }).release();
        model = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED).decode(DemoRun.MODEL, release);
    }

    @Test
    void shouldTraceEveryMissedSpikeToAnEarlierLargerForecastErrorOfItsKey() {
        Map<String, String> settings = settings();
        List<Spike> spikes = spikes(settings);
        Map<String, Integer> causes = new TreeMap<>();
        int flagged = 0;
        for (Spike s : spikes) {
            System.out.println(s);
            flagged += s.flag ? 1 : 0;
            if (!s.flag) {
                causes.merge(s.cause(), 1, Integer::sum);
            }
        }
        System.out.printf(Locale.ROOT, "range with %s: %d of %d spikes flagged; the misses by cause: %s%n", settings,
                flagged, spikes.size(), causes);
        int missed = spikes.size() - flagged;
        assertThat(spikes).as("spikes in the streamed steps (as DemoFlagRateTest counts them)").hasSize(32);
        assertThat(spikes).as("no spike falls in a refractory period").noneMatch(s -> s.refractory);
        if (settings.equals(Map.of(SeqscoreConfig.RANGE_INSTANT_WEIGHT_CONFIG, "0.5"))) {
            assertThat(flagged).as("spikes flagged").isEqualTo(2);
            long below = spikes.stream().filter(s -> !s.flag && s.r <= s.record).count();
            assertThat(below).as("missed spikes whose error the key had already exceeded").isGreaterThanOrEqualTo(
                    missed - 2);
            assertThat(spikes).as("those records were set by anomalies or the key's warm-up").allMatch(
                    s -> s.flag || s.r > s.record || !s.recordBy.startsWith("normal"));
            assertThat(spikes).as("the averaged forecast-error channel rises by less than a noise σ").allMatch(
                    s -> s.rise < s.noise);
            assertThat(spikes.stream().filter(s -> !s.flag && s.value == 0).count())
                    .as("missed spikes inside their key's range of values").isGreaterThanOrEqualTo(missed - 2);
        }
    }

    private static Map<String, String> settings() {
        Map<String, String> settings = new TreeMap<>();
        for (String pair : System.getProperty("demo.flag.settings", "").split(",")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                settings.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        if (settings.isEmpty()) {
            settings.put(SeqscoreConfig.RANGE_INSTANT_WEIGHT_CONFIG, "0.5");
        }
        return settings;
    }

    /** Every spike starting after the first streamed step, with what the detector saw at it. */
    private static List<Spike> spikes(Map<String, String> settings) {
        ScoringSettings scoring = new SeqscoreConfig(settings).scoringSettings();
        SyntheticWorkload w = injected.workload();
        int valueBlock = 5 + 3 * scoring.range().levelScales().size();
        int dims = model.forecastDim();
        assertThat(model.eventSize()).isEqualTo(1);
        assertThat(dims).isEqualTo(1);
        long firstTick = DemoFlagRateTest.HISTORY - DemoFlagRateTest.BACKLOG;
        long lastTick = DemoFlagRateTest.HISTORY + DemoFlagRateTest.LIVE;
        List<Spike> out = new ArrayList<>();
        for (int k = 0; k < w.keyCount(); k++) {
            KeyScorer scorer = new KeyScorer(scoring);
            KeyState state = new KeyState();
            state.ringCapacity(scoring.ringCapacity(model, null));
            state.inputSize(1);
            scorer.rewarm(state, model, w.key(k));
            List<InjectedAnomaly> anomalies = w.anomalies(k, injected.step(firstTick), injected.step(lastTick));
            double record = Double.NEGATIVE_INFINITY;
            String recordBy = "";
            for (long i = firstTick; i < lastTick; i++) {
                long step = injected.step(i);
                double[] before = state.detector() == null ? null : state.detector().clone();
                long[] counters = state.detectorCounters().clone();
                scorer.setInput(List.of(w.value(k, step)));
                state.pushInput(w.eventTime(step), scorer.input());
                double score = scorer.fold(state, model, w.key(k));
                boolean flag = scorer.flags(score, model);
                double[] after = state.detector();
                int residual = valueBlock + 1;
                if (before == null || before.length < after.length || Double.isNaN(before[valueBlock])) {
                    continue;
                }
                double scale = scoring.range().residualScale();
                double r = before[residual] + scale * (after[residual] - before[residual]);
                long at = i - firstTick;
                InjectedAnomaly here = w.anomalyAt(k, step);
                if (here != null && here.kind() == AnomalyKind.SPIKE && here.start() == step && at >= 1) {
                    double v = w.value(k, step);
                    double valueExceedance = Math.max(0,
                            Math.max(v - before[1], before[0] - v) / (before[1] - before[0]));
                    boolean averageWarm = counters[RangeNovelty.RESIDUALS] >= 2L * scoring.range().residualScale();
                    double averageExceedance = !averageWarm ? 0 : Math.max(0,
                            (after[residual] - before[residual + 2]) / (before[residual + 2] - before[residual + 1]));
                    boolean refractory = counters[RangeNovelty.EVENTS] - counters[RangeNovelty.LAST_ALARM]
                            <= scoring.range().refractory();
                    out.add(new Spike(w.key(k), at, Math.abs(here.magnitude()) / w.noiseSigma(k), r,
                            w.noiseSigma(k) / scorer.sigma(0), record, recordBy, valueExceedance,
                            after[residual] - before[residual], averageExceedance,
                            refractory, before[before.length - 1], score, flag));
                }
                if (r > record) {
                    record = r;
                    recordBy = origin(here, anomalies, step, counters[RangeNovelty.RESIDUALS]) + "@" + at;
                }
            }
        }
        return out;
    }

    private static String origin(InjectedAnomaly here, List<InjectedAnomaly> anomalies, long step, long residuals) {
        if (here != null) {
            return here.kind().toString();
        }
        for (InjectedAnomaly a : anomalies) {
            if (step >= a.end() && step < a.end() + AFTER) {
                return "after " + a.kind();
            }
        }
        return residuals < WARM ? "warm-up" : "normal";
    }

    /**
     * @param sigmas   |spike| in the key's noise σ
     * @param r        |z − ẑ| at the spike (scaled units)
     * @param noise    the key's noise σ in scaled units
     * @param record   the largest r of the key's earlier events
     * @param recordBy the event that set it
     * @param value    the value channel's exceedance e
     * @param rise     how much the spike raised the averaged forecast-error channel (r − its average)/s_r
     * @param average  that channel's exceedance e (0 while it warms up)
     * @param q        the key's alarm level before the spike
     */
    record Spike(String key, long at, double sigmas, double r, double noise, double record, String recordBy,
                 double value, double rise, double average, boolean refractory, double q, double score, boolean flag) {
        String cause() {
            if (flag) {
                return "flagged";
            }
            if (refractory) {
                return "refractory";
            }
            if (score > 0.5) {
                return "E > m but E <= q";
            }
            if (r > record) {
                return "r above the record, E <= m";
            }
            return "record by " + recordBy.substring(0, recordBy.indexOf('@'));
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s at %4d: %.0f noise σ; r %.3f (%.1f noise σ) against the record"
                    + " %.3f (%.1f noise σ, by %s); e value %.3f; averaged error +%.4f (%.2f noise σ), e %.3f;"
                    + " q %.3f; score %.3f; %s", key, at, sigmas, r, r / noise, record, record / noise, recordBy, value,
                    rise, rise / noise, average, q, score, flag ? "flagged" : "missed: " + cause());
        }
    }
}
