package io.seqscore.app.topology;

import io.seqscore.app.state.KeyStateSummary;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.app.testing.ScorerDrivers;
import io.seqscore.avro.Head;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.Score;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A VALUES release with a quantile head through the scoring topology: each score's forecast, interval and expected
 * value against model/core's network run directly (point = row 3s + 1, bounds = rows 3s and 3s + 2 sorted, all
 * times σ plus μ), and the key's state summary showing the point forecasts only.
 */
class QuantileHeadScoringTest {
    private static final int H = 2;
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1, H, 3);
    private static final NetworkSpec POINT = NetworkSpec.uniform(CellType.LSTM, 1, 4, 1, H, 1);
    private static final float[] PARAMS = Releases.randomParams(SPEC, 5, 0.8f);
    private static final float MEAN = 10f;
    private static final float STD = 2f;
    private static final double[] SERIES = {10.0, 11.5, 9.25, 10.75, 12.0, 8.5, 10.0, 11.0};

    @RegisterExtension
    final ScorerDrivers drivers = new ScorerDrivers();

    @Test
    void shouldCarryTheHeadsOwnSortedBoundsAsTheScoresInterval() {
        ScorerDriver driver = drivers.start(Map.of());
        ModelRelease release = Releases.release("default", 1, SPEC, PARAMS,
                Releases.global(new float[] {MEAN}, new float[] {STD}), Releases.gaussian(POINT, 0.5, 0.999, 3));
        release.getArchitecture().setHead(new Head("quantile", List.of(new NamedValue("lower", 0.025),
                new NamedValue("upper", 0.975))));
        driver.publish(release);
        Network net = Network.of(SPEC, PARAMS);
        float[] state = net.newState();
        float[] out = new float[SPEC.outputSize()];
        double previous = Double.NaN;
        boolean crossed = false;
        Score last = null;
        for (int t = 0; t < SERIES.length; t++) {
            driver.send("k", 1000L * t, SERIES[t]);
            Score s = driver.nextScore().value();
            net.step(state, new float[] {(float) ((SERIES[t] - MEAN) / STD)}, out);
            assertThat(s.getHorizon()).isEqualTo(H);
            assertThat(s.getForecast()).hasSize(H);
            for (int i = 0; i < H; i++) {
                float a = out[3 * i] * STD + MEAN;
                float b = out[3 * i + 2] * STD + MEAN;
                crossed |= a > b;
                assertThat(s.getForecast().get(i)).isCloseTo(out[3 * i + 1] * STD + MEAN, within(1e-5));
                assertThat(s.getForecastLower().get(i)).isCloseTo(Math.min(a, b), within(1e-5));
                assertThat(s.getForecastUpper().get(i)).isCloseTo(Math.max(a, b), within(1e-5));
            }
            if (t > 0) {
                assertThat(s.getExpected()).containsExactly(previous);
            }
            previous = s.getForecast().get(0);
            last = s;
        }
        assertThat(crossed).as("random weights cross the bounds somewhere, so the sort is exercised").isTrue();
        KeyStateSummary summary = KeyStateSummary.of(driver.stateStore().get("k"));
        assertThat(summary.forecast()).containsExactly(last.getForecast().stream().mapToDouble(Double::doubleValue)
                .toArray(), within(1e-6));
    }
}
