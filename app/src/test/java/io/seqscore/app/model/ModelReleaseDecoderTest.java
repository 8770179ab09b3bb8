package io.seqscore.app.model;

import io.seqscore.model.core.anomaly.ResidualCalibration;
import io.seqscore.app.testing.Releases;
import io.seqscore.avro.KeyNormalizer;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;
import io.seqscore.avro.ScoreStatistic;
import io.seqscore.avro.Tensor;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelReleaseDecoderTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.GRU_RESET_AFTER, 2, 3, 2, 2, 1);
    private static final float[] PARAMS = Releases.randomParams(SPEC, 5, 0.5f);
    private final ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);

    private static ModelRelease valid() {
        return Releases.release("m", 3, SPEC, PARAMS, Releases.global(new float[] {1f, 2f}, new float[] {0.5f, 4f}),
                Releases.gaussian(SPEC, 0.8, 0.99, 5));
    }

    private ModelRelease with(Consumer<ModelRelease> change) {
        ModelRelease r = valid();
        change.accept(r);
        return r;
    }

    private void assertRejected(ModelRelease release, String reason) {
        assertThatThrownBy(() -> decoder.decode(release.getName(), release))
                .isInstanceOf(ReleaseRejectedException.class).hasMessage(reason);
    }

    @Test
    void shouldDecodeAValidReleaseIntoTheSameNetworkAndSettings() throws Exception {
        ServingModel model = decoder.decode("m", valid());
        assertThat(model.name()).isEqualTo("m");
        assertThat(model.version()).isEqualTo(3);
        assertThat(model.createdAt()).isEqualTo(1_700_000_000_003L);
        assertThat(model.spec()).isEqualTo(SPEC);
        assertThat(model.normalization().mode()).isEqualTo(InputNormalization.Mode.GLOBAL);
        assertThat(model.normalization().global().means()).containsExactly(1f, 2f);
        assertThat(model.normalization().global().stds()).containsExactly(0.5f, 4f);
        assertThat(model.calibration().size()).isEqualTo(2);
        assertThat(model.calibration().scale(1)).isEqualTo(0.8);
        assertThat(model.calibration().threshold()).isEqualTo(0.99);
        assertThat(model.calibration().warmupSteps()).isEqualTo(5);
        assertThat(model.calibration().statistic()).isEqualTo(ResidualCalibration.Statistic.MAX_ABS);
        assertThat(model.rollout()).isEqualTo(Rollout.FULL_ON_ARRIVAL);

        Network reference = Network.of(SPEC, PARAMS);
        float[] a = reference.newState();
        float[] b = model.network().newState();
        float[] outA = new float[2];
        float[] outB = new float[2];
        for (int t = 0; t < 5; t++) {
            float[] x = {t * 0.3f, -t};
            reference.step(a, x, outA);
            model.network().step(b, x, outB);
            assertThat(outB).containsExactly(outA);
        }
        assertThat(model.network().copyParams()).containsExactly(PARAMS);
    }

    @Test
    void shouldRejectBadIdentity() {
        ModelRelease r = valid();
        assertThatThrownBy(() -> decoder.decode("other", r)).hasMessage("release name 'm' differs from its record key 'other'");
        assertRejected(with(x -> x.setVersion(0)), "version must be > 0, got 0");
        assertRejected(with(x -> x.setName("")), "release has no model name");
    }

    @Test
    void shouldRejectBadArchitectures() {
        assertRejected(with(x -> x.getArchitecture().getLayers().get(1).setCell(io.seqscore.avro.CellType.UNKNOWN)),
                "layer 1 has an unknown cell type (written by a newer schema)");
        assertRejected(with(x -> x.getArchitecture().setOutputDim(3)),
                "architecture outputDim 3 exceeds inputSize 2: forecast value d predicts input feature d");
        assertRejected(with(x -> x.getArchitecture().setLayers(new ArrayList<>())), "architecture has no layers");
        assertRejected(with(x -> x.getArchitecture().getLayers().get(0).setUnits(0)),
                "layer 0 units must be in [1, 65536], got 0");
        assertRejected(with(x -> x.getArchitecture().setHorizon(-1)), "architecture horizon must be in [1, 4096], got -1");
    }

    @Test
    void shouldRejectWeightsThatDoNotMatchTheLayout() {
        assertRejected(with(x -> x.getWeights().remove(x.getWeights().size() - 1)),
                "weights miss tensor head.b (and any after it): 9 tensors given, the architecture has 10");
        assertRejected(with(x -> {
            List<Tensor> w = x.getWeights();
            w.add(0, w.remove(1));
        }), "tensor 0 is 'layer0.U' but the layout expects 'layer0.W' there (tensors out of order or repeated)");
        assertRejected(with(x -> x.getWeights().get(2).setName("layer0.bias")),
                "tensor 2 is 'layer0.bias' but the layout expects 'layer0.b' there (unknown tensor)");
        assertRejected(with(x -> x.getWeights().add(Tensor.newBuilder(x.getWeights().get(0)).setName("extra").build())),
                "unexpected tensor 'extra' after the 10 tensors of the architecture");
        assertRejected(with(x -> x.getWeights().get(0).setShape(new ArrayList<>(List.of(2, 9)))),
                "tensor layer0.W has shape [2, 9], the architecture needs [9, 2]");
        assertRejected(with(x -> x.getWeights().get(3).setData(ByteBuffer.allocate(35))),
                "tensor layer0.bR has 35 bytes of data, its shape needs 36 (float32)");
        assertRejected(with(x -> {
            ByteBuffer data = ByteBuffer.allocate(4 * 27).order(ByteOrder.LITTLE_ENDIAN);
            data.putFloat(4 * (3 + 2), Float.NaN);
            x.getWeights().get(1).setData(data);
        }), "weight layer0.U[1][2] is not finite: NaN");
    }

    @Test
    void shouldRejectBadNormalizers() {
        assertRejected(with(x -> x.getNormalizer().setStd(new ArrayList<>(List.of(1f, 0f)))),
                "normalizer: normalizer std[1] must be finite and > 0, got 0.0");
        assertRejected(with(x -> x.getNormalizer().setMean(new ArrayList<>(List.of(1f)))),
                "normalizer has 1 means and 2 stds, the architecture reads 2 values");
        assertRejected(with(x -> x.getNormalizer().setMode(NormalizerMode.UNKNOWN)),
                "normalizer mode UNKNOWN is unknown (written by a newer schema)");
        assertRejected(with(x -> {
            x.setNormalizer(Releases.none());
            x.getNormalizer().getMean().add(1f);
        }), "normalizer mode NONE must have empty mean, std and perKey");
        assertRejected(with(x -> {
            x.getNormalizer().setMode(NormalizerMode.PER_KEY);
            x.getNormalizer().setPerKey(new ArrayList<>(List.of(keyNormalizer("b"), keyNormalizer("a"))));
        }), "normalizer perKey must be sorted by key with each key once, but 'a' comes after 'b'");
    }

    @Test
    void shouldDecodePerKeyStatistics() throws Exception {
        ModelRelease r = with(x -> {
            x.getNormalizer().setMode(NormalizerMode.PER_KEY);
            x.getNormalizer().setPerKey(new ArrayList<>(List.of(keyNormalizer("a"), keyNormalizer("b"))));
        });
        ServingModel model = decoder.decode("m", r);
        assertThat(model.normalization().mode()).isEqualTo(InputNormalization.Mode.PER_KEY);
        assertThat(model.normalization().forKey("a").means()).containsExactly(3f, 4f);
        assertThat(model.normalization().forKey("c")).isNull();
        assertThat(model.normalization().global().means()).containsExactly(1f, 2f);
    }

    @Test
    void shouldRejectBadCalibrations() {
        assertRejected(with(x -> x.getCalibration().getScale().remove(0)),
                "calibration scale has 1 values, the architecture forecasts 2 (H·D)");
        assertRejected(with(x -> x.getCalibration().getScale().set(1, 0.0)),
                "calibration scale[1] must be finite and > 0, got 0.0");
        assertRejected(with(x -> x.getCalibration().setScoreQuantiles(new ArrayList<>(List.of(0.0, 2.0, 1.0)))),
                "calibration scoreQuantiles must be non-decreasing, but [1] = 2.0 > [2] = 1.0");
        assertRejected(with(x -> x.getCalibration().setThreshold(1.5)), "calibration threshold must be in [0, 1], got 1.5");
        assertRejected(with(x -> x.getCalibration().setStatistic(ScoreStatistic.UNKNOWN)),
                "calibration statistic is unknown (written by a newer schema)");
        ModelRelease inverted = with(x -> x.getCalibration().getIntervalLower().set(0, 5.0));
        assertThatThrownBy(() -> decoder.decode("m", inverted)).isInstanceOf(ReleaseRejectedException.class)
                .hasMessage("calibration interval [0] must be finite with lower <= upper, got [5.0, " + 1.96 * 0.8 + "]");
    }

    @Test
    void shouldRejectUnknownRolloutsAndPassKnownOnes() throws Exception {
        assertRejected(with(x -> x.setRollout(RolloutDirective.newBuilder().setMode(RolloutMode.UNKNOWN).build())),
                "rollout mode is unknown (written by a newer schema)");
        assertRejected(with(x -> x.setRollout(RolloutDirective.newBuilder().setMode(RolloutMode.CANARY)
                .setCanaryPercent(150).build())), "rollout canaryPercent must be in [0, 100], got 150.0");
        ServingModel canary = decoder.decode("m", with(x -> x.setRollout(RolloutDirective.newBuilder()
                .setMode(RolloutMode.CANARY).setCanaryPercent(10).setActivateAt(java.time.Instant.ofEpochMilli(99)).build())));
        assertThat(canary.rollout()).isEqualTo(new Rollout(Rollout.Mode.CANARY, 10.0, 99L, null));
    }

    @Test
    void shouldLetTheVerifierRejectFirst() {
        ModelReleaseDecoder strict = new ModelReleaseDecoder(r -> {
            throw new ReleaseRejectedException("release is not signed");
        });
        assertThatThrownBy(() -> strict.decode("m", valid())).hasMessage("release is not signed");
    }

    private static KeyNormalizer keyNormalizer(String key) {
        return KeyNormalizer.newBuilder().setKey(key).setMean(new ArrayList<>(List.of(3f, 4f)))
                .setStd(new ArrayList<>(List.of(1f, 1f))).build();
    }
}
