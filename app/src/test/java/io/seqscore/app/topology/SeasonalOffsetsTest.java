package io.seqscore.app.topology;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.EventRing;
import io.seqscore.model.core.features.SeasonalChanges;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SEASONAL_OFFSETS release through the topology: every forecast step s is (z_{A_s} + out_s)·σ + μ with A_s the
 * same phase in the latest season seen, z_t before the key has one, computed here offline on a regular grid of
 * period P = 10 events: A_s = t + s + 1 − m·P with m = ⌈(s + 1) / P⌉ (exists when ≥ 0). Steps 10..13 look two
 * seasons back; the history of P + 1 events is the least the inputs need.
 */
class SeasonalOffsetsTest {
    static final int P = 10;
    static final int H = 14;
    static final long SPACING = 60_000L;
    static final long T0 = 1_700_000_000_000L;
    static final float MEAN = 4f;
    static final float STD = 1.5f;
    static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, SeasonalChanges.INPUTS, 8, 1, H, 1);
    static final float[] PARAMS = Releases.randomParams(SPEC, 11, 0.4f);

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();
    private ScorerDriver driver;

    static InputFeatures features() {
        return InputFeatures.newBuilder().setKind(FeatureKind.SEASONAL_OFFSETS).setPeriodMillis(P * SPACING)
                .setSpacingMillis(SPACING).setToleranceMillis(SPACING / 2).setHistorySize(P + 1).setClip(5f).build();
    }

    /** A float-exact daily-like pattern with a trend. */
    static double value(int t) {
        return (float) (4 + 0.05 * t + Math.sin(2 * Math.PI * t / P) + (t % 3) * 0.25);
    }

    @Test
    void shouldForecastOffsetsFromTheSeasonalAnchorsAndScoreStepOneAgainstThem() {
        ModelRelease release = Releases.seasonalRelease("default", 1, SPEC, PARAMS, MEAN, STD,
                Releases.gaussian(SPEC, 1.0, 0.99, 0), features());
        driver = drivers.start(Map.of());
        driver.publish(release);
        Network net = Network.of(SPEC, PARAMS);
        float[] state = net.newState();
        float[] x = new float[SeasonalChanges.INPUTS];
        float[] out = new float[H];
        SeasonalChanges inputs = new SeasonalChanges(P * SPACING, SPACING, SPACING / 2, 5f);
        EventRing ring = new EventRing(P + 1);
        int n = 4 * P;
        float[] z = new float[n];
        float[] expected = new float[H];
        int anchored = 0;
        for (int t = 0; t < n; t++) {
            long time = T0 + SPACING * t;
            driver.send("k", time, value(t));
            Score score = driver.nextScore().value();
            if (t > 0) {
                assertThat(score.getExpected()).as("step 1 is scored against the previous forecast's first step")
                        .containsExactly((double) expected[0]);
            }
            z[t] = (float) ((value(t) - MEAN) / STD);
            ring.add(time, (float) value(t));
            inputs.inputs(ring, MEAN, STD, x, 0);
            net.step(state, x, out);
            for (int s = 0; s < H; s++) {
                int m = (s + 1 + P - 1) / P;
                int a = t + s + 1 - m * P;
                float base = a >= 0 ? z[a] : z[t];
                anchored += a >= 0 && a != t ? 1 : 0;
                expected[s] = (base + out[s]) * STD + MEAN;
                assertThat(score.getForecast().get(s)).as("forecast %d at t%d", s, t).isEqualTo((double) expected[s]);
            }
        }
        assertThat(anchored).as("most steps are served from an earlier event, not z_t").isGreaterThan(n * H / 2);
        driver.assertNoMoreOutput();
    }
}
