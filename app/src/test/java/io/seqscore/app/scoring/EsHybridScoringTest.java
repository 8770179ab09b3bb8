package io.seqscore.app.scoring;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.InputNormalization;
import io.seqscore.app.model.Rollout;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.testing.Releases;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.anomaly.ResidualCalibration;
import io.seqscore.model.core.features.EsHybridFeatures;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.model.core.norm.ZScoreNormalizer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An ES_HYBRID model in the scorer: its per-key smoothing state is advanced, stored, rebuilt, and costs no allocation. */
class EsHybridScoringTest {
    private static final FeatureTransform ES = FeatureKinds.create(
            EsHybridFeatures.parameters(0.1, 0.2, 0.1, 6, 12, 4, true, 5f));
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 4, 8, 1, 3, 1);
    private static final float[] PARAMS = Releases.randomParams(SPEC, 2, 0.3f);

    private static ServingModel model(long version) {
        return new ServingModel("es", version, version, 0, Network.of(SPEC, PARAMS, KernelPath.SCALAR), ES,
                new InputNormalization(InputNormalization.Mode.GLOBAL, ZScoreNormalizer.of(new float[] {10f},
                        new float[] {3f}), Map.of()),
                new ResidualCalibration(new double[] {0, 0, 0}, new double[] {1, 1, 1},
                        ResidualCalibration.Statistic.MAX_ABS, new double[0], 0.99, 0.95, new double[] {-1, -1, -1},
                        new double[] {1, 1, 1}, 0),
                Rollout.FULL_ON_ARRIVAL, null);
    }

    @Test
    void shouldAdvanceTheKeysSmoothingPerEventKeepItThroughTheCodecAndRebuildItFromTheRingOnANewVersion() {
        ScoringSettings settings = new SeqscoreConfig(Map.of("seqscore.rewarm.buffer.length", "64")).scoringSettings();
        KeyScorer scorer = new KeyScorer(settings);
        ServingModel v1 = model(1);
        KeyState state = new KeyState();
        state.ringCapacity(settings.ringCapacity(v1, null));
        state.inputSize(1);
        scorer.rewarm(state, v1, "k");
        double[] expected = new double[ES.stateSize()];
        ES.reset(expected);
        float[] x = new float[4];
        KeyStateCodec codec = new KeyStateCodec();
        for (int i = 0; i < 40; i++) {
            double v = 10 + 3 * Math.sin(2 * Math.PI * i / 6) + (i % 5);
            scorer.setInput(List.of(v));
            state.pushInput(60_000L * i, scorer.input());
            scorer.fold(state, v1, "k");
            ES.inputs(new float[] {(float) v}, null, expected, new float[] {10f}, new float[] {3f}, x);
            state = KeyStateCodec.decode(codec.encode(state));
        }
        assertThat(state.featuresSize()).isEqualTo(ES.stateSize());
        assertThat(Arrays.copyOf(state.features(), state.featuresSize())).containsExactly(expected);
        float[] forecast = state.forecast().clone();

        scorer.rewarm(state, model(2), "k");
        assertThat(Arrays.copyOf(state.features(), state.featuresSize()))
                .as("rebuilt from the 40 events of the ring").containsExactly(expected);
        assertThat(state.forecast()).as("same weights, same forecast").containsExactly(forecast);
    }

    @Test
    void aWarmEsHybridStepAllocatesNothing() {
        ScoringSettings settings = new SeqscoreConfig(Map.of()).scoringSettings();
        WarmSteps steps = new WarmSteps(settings, model(1));
        assertThat(steps.bytesAllocatedWhenWarm()).as("bytes allocated by 10,000 warm events").isZero();
        assertThat(steps.state().forecast()).hasSize(3).doesNotContain(Float.NaN);
    }
}
