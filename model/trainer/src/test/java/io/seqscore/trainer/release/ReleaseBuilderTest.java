package io.seqscore.trainer.release;

import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.RolloutMode;
import io.seqscore.avro.Tensor;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.norm.ZScoreNormalizer;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.calibrate.CalibrationResult;
import io.seqscore.trainer.calibrate.ScaleEstimator;
import io.seqscore.trainer.calibrate.ScoreStatistic;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.FittedNormalization;
import io.seqscore.trainer.train.EpochSummary;
import io.seqscore.trainer.train.MetricValue;
import io.seqscore.trainer.train.TrainedModel;
import io.seqscore.trainer.train.TrainingResult;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReleaseBuilderTest {
    static final NetworkSpec SPEC = new NetworkSpec(2,
            List.of(new LayerSpec(CellType.GRU_RESET_AFTER, 2, 3), new LayerSpec(CellType.LSTM, 3, 2)), 2, 2);

    static float[] params() {
        float[] p = new float[SPEC.paramCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (i % 7 - 3) * 0.125f + i * 1e-3f;
        }
        return p;
    }

    static ModelRelease build(Rollout rollout) {
        Map<String, ZScoreNormalizer> perKey = new TreeMap<>();
        perKey.put("b", ZScoreNormalizer.of(new float[] {3, 4}, new float[] {1, 2}));
        perKey.put("a", ZScoreNormalizer.of(new float[] {1, 2}, new float[] {5, 6}));
        CalibrationResult calibration = new CalibrationResult(new double[] {0.1, 0.2, 0.3, 0.4},
                new double[] {1, 2, 3, 4}, ScaleEstimator.MAD, ScoreStatistic.MAX_ABS, new double[0], 0.99, 0.01, 0.9,
                new double[] {-1, -2, -3, -4}, new double[] {1, 2, 3, 4}, 12, 345, 0.0101);
        TrainingResult training = new TrainingResult(SPEC, params(), 1,
                List.of(new EpochSummary(1, 1, 0.5, 0.25, true, 10, 100)), 10, 100);
        TrainedModel model = new TrainedModel(SPEC, params(), FittedNormalization.perKey(perKey), calibration, null,
                List.of(new MetricValue("rmse", 1, 0.7), new MetricValue("mae", 2, 0.6), new MetricValue("mae", 1, 0.5)),
                training, 24);
        Dataset data = new Dataset(List.of(), model.normalization(), 2, 1000, 800, 200, 3, 0, 1_000L, 2_000L);
        TreeMap<String, String> hp = new TreeMap<>(Map.of("window", "64", "cell", "lstm"));
        return ReleaseBuilder.build(model, data, new ReleaseOptions("net", 3, 1_700_000_000_123L, rollout, "csv:x",
                42, "1.2.3", hp));
    }

    @Test
    void shouldCarryEveryTensorOfTheLayoutAsLittleEndianFloats() {
        ModelRelease r = build(Rollout.FULL);
        assertThat(r.getWeights()).extracting(Tensor::getName).containsExactly("layer0.W", "layer0.U", "layer0.b",
                "layer0.bR", "layer1.W", "layer1.U", "layer1.b", "head.W", "head.b");
        Tensor w = r.getWeights().get(0);
        assertThat(w.getShape()).containsExactly(9, 2);
        ByteBuffer data = w.getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(data.remaining()).isEqualTo(4 * 18);
        assertThat(data.getFloat(4)).isEqualTo(params()[1]);
        ReleaseNetwork decoded = ReleaseNetwork.of(r);
        assertThat(decoded.spec()).isEqualTo(SPEC);
        assertThat(decoded.params()).containsExactly(params());
        assertThat(r.getArchitecture().getLayers().get(0).getCell()).isEqualTo(io.seqscore.avro.CellType.GRU_RESET_AFTER);
    }

    @Test
    void shouldWriteNormalizerCalibrationAndProvenanceInTheirDocumentedOrder() {
        ModelRelease r = build(Rollout.FULL);
        assertThat(r.getNormalizer().getMode()).isEqualTo(NormalizerMode.PER_KEY);
        assertThat(r.getNormalizer().getPerKey()).extracting(k -> k.getKey()).containsExactly("a", "b");
        assertThat(r.getNormalizer().getPerKey().get(0).getStd()).containsExactly(5f, 6f);
        assertThat(r.getNormalizer().getMean()).containsExactly(2f, 3f);
        assertThat(r.getCalibration().getThreshold()).isEqualTo(0.99);
        assertThat(r.getCalibration().getWarmupSteps()).isEqualTo(12);
        assertThat(r.getCalibration().getScaleEstimator()).isEqualTo(io.seqscore.avro.ScaleEstimator.MAD);
        assertThat(r.getProvenance().getMetrics()).extracting(m -> m.getName() + "@" + m.getStep())
                .containsExactly("mae@1", "mae@2", "rmse@1");
        assertThat(r.getProvenance().getHyperParameters()).extracting(p -> p.getName()).containsExactly("cell", "window");
        assertThat(r.getProvenance().getDataFrom().toEpochMilli()).isEqualTo(1_000L);
        assertThat(r.getProvenance().getEventCount()).isEqualTo(1000);
        assertThat(r.getCreatedAt().toEpochMilli()).isEqualTo(1_700_000_000_123L);
        assertThat(r.getVersion()).isEqualTo(3);
        assertThat(r.getSignature()).isNull();
    }

    @Test
    void shouldMapTheRolloutFlags() {
        assertThat(build(Rollout.FULL).getRollout().getMode()).isEqualTo(RolloutMode.FULL);
        var canary = build(new Rollout(25.0, false, 1_000L)).getRollout();
        assertThat(canary.getMode()).isEqualTo(RolloutMode.CANARY);
        assertThat(canary.getCanaryPercent()).isEqualTo(25.0);
        assertThat(canary.getActivateAt().toEpochMilli()).isEqualTo(1_000L);
        assertThat(build(new Rollout(null, true, null)).getRollout().getMode()).isEqualTo(RolloutMode.SHADOW);
    }

    @Test
    void shouldRoundTripThroughAFileOfStableBytes() {
        ModelRelease r = build(Rollout.FULL);
        byte[] bytes = ReleaseFiles.toBytes(r);
        assertThat(ReleaseFiles.toBytes(build(Rollout.FULL))).isEqualTo(bytes);
        assertThat(ReleaseFiles.fromBytes(bytes, "test")).isEqualTo(r);
        assertThatThrownBy(() -> ReleaseFiles.fromBytes(new byte[] {1, 2, 3}, "junk"))
                .isInstanceOf(TrainerException.class).hasMessageStartingWith("junk is not a release file");
    }

    @Test
    void shouldRefuseWeightsThatDoNotFitTheArchitecture() {
        ModelRelease r = build(Rollout.FULL);
        r.getWeights().get(1).setName("layer0.X");
        assertThatThrownBy(() -> ReleaseNetwork.of(r)).isInstanceOf(TrainerException.class)
                .hasMessage("tensor 1 is layer0.X[9, 3], expected layer0.U[9, 3]");
        ModelRelease nan = build(Rollout.FULL);
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).putFloat(Float.NaN).flip();
        nan.getWeights().get(8).setData(b);
        assertThatThrownBy(() -> ReleaseNetwork.of(nan)).hasMessage("tensor head.b has 8 bytes, expected 16");
        ByteBuffer four = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1f).putFloat(Float.NaN).putFloat(0f).putFloat(0f).flip();
        nan.getWeights().get(8).setData(four);
        assertThatThrownBy(() -> ReleaseNetwork.of(nan)).hasMessage("weight head.b[1] is not finite: NaN");
    }
}
