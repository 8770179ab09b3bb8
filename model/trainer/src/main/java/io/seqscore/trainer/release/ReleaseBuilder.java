package io.seqscore.trainer.release;


import io.seqscore.avro.Architecture;
import io.seqscore.avro.Calibration;
import io.seqscore.avro.Head;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.KeyNormalizer;
import io.seqscore.avro.Layer;
import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.Parameter;
import io.seqscore.avro.Provenance;
import io.seqscore.avro.RolloutDirective;
import io.seqscore.avro.RolloutMode;
import io.seqscore.avro.Tensor;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.ParamTensor;
import io.seqscore.model.core.norm.ZScoreNormalizer;
import io.seqscore.trainer.calibrate.CalibrationResult;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.FittedNormalization;
import io.seqscore.trainer.train.MetricValue;
import io.seqscore.trainer.train.TrainedModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A trained model as an (unsigned) {@link ModelRelease}: tensors named and shaped as
 * {@link NetworkSpec#tensors()} (float32 little-endian, row-major), the normalizer, the calibration, the
 * provenance with hyper-parameters sorted by name and metrics by (name, step), the rollout and the input
 * features. Its Avro
 * encoding is a function of its content, so equal inputs give equal bytes.
 */
public final class ReleaseBuilder {
    private ReleaseBuilder() {
    }

    /** A release whose network reads the events' normalized values (features VALUES, the default). */
    public static ModelRelease build(TrainedModel model, Dataset data, ReleaseOptions options) {
        return build(model, data, options, InputFeatures.newBuilder().build());
    }

    /** A release whose network reads {@code features} (e.g. SEASONAL_CHANGES, from {@code TrainingJob}). */
    public static ModelRelease build(TrainedModel model, Dataset data, ReleaseOptions options, InputFeatures features) {
        return build(model, data, options, features, HeadSpec.REGRESSION);
    }

    /** A release whose head is {@code head} (Architecture.head; nothing for the regression head). */
    public static ModelRelease build(TrainedModel model, Dataset data, ReleaseOptions options, InputFeatures features,
                                     HeadSpec head) {
        return ModelRelease.newBuilder()
                .setName(options.name())
                .setVersion(options.version())
                .setCreatedAt(Instant.ofEpochMilli(options.createdAt()))
                .setArchitecture(architecture(model.spec(), head))
                .setWeights(tensors(model.spec(), model.params()))
                .setNormalizer(normalizer(model.normalization()))
                .setCalibration(calibration(model.calibration()))
                .setProvenance(provenance(model, data, options))
                .setRollout(rollout(options.rollout()))
                .setSignature(null)
                .setFeatures(InputFeatures.newBuilder(features).build())
                .build();
    }

    /** The network shape as a release describes it. */
    public static Architecture architecture(NetworkSpec spec) {
        List<Layer> layers = new ArrayList<>();
        for (LayerSpec l : spec.layers()) {
            layers.add(Layer.newBuilder().setCell(io.seqscore.avro.CellType.valueOf(l.cell().name()))
                    .setUnits(l.units()).build());
        }
        return Architecture.newBuilder().setInputSize(spec.inputSize()).setLayers(layers)
                .setHorizon(spec.horizon()).setOutputDim(spec.outputDim()).build();
    }

    /** The network shape with its head named (Architecture.head), left unset for the regression head. */
    public static Architecture architecture(NetworkSpec spec, HeadSpec head) {
        Architecture a = architecture(spec);
        if (!head.equals(HeadSpec.REGRESSION)) {
            a.setHead(Head.newBuilder().setKind(head.kind()).setParameters(head.parameters().entrySet().stream()
                    .map(e -> new NamedValue(e.getKey(), e.getValue())).toList()).build());
        }
        return a;
    }

    /** The parameters as release tensors, one per tensor of the spec, in little-endian floats. */
    public static List<Tensor> tensors(NetworkSpec spec, float[] params) {
        List<Tensor> out = new ArrayList<>();
        for (ParamTensor t : spec.tensors()) {
            ByteBuffer data = ByteBuffer.allocate(4 * t.size()).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < t.size(); i++) {
                data.putFloat(params[t.offset() + i]);
            }
            data.flip();
            List<Integer> shape = new ArrayList<>();
            for (int d : t.shape()) {
                shape.add(d);
            }
            out.add(Tensor.newBuilder().setName(t.name()).setShape(shape).setData(data).build());
        }
        return out;
    }

    static Normalizer normalizer(FittedNormalization norm) {
        Normalizer.Builder b = Normalizer.newBuilder().setPerKey(new ArrayList<>());
        switch (norm.mode()) {
            case NONE -> b.setMode(NormalizerMode.NONE).setMean(new ArrayList<>()).setStd(new ArrayList<>());
            case GLOBAL -> b.setMode(NormalizerMode.GLOBAL).setMean(means(norm.global())).setStd(stds(norm.global()));
            case PER_KEY -> {
                List<KeyNormalizer> keys = new ArrayList<>();
                for (Map.Entry<String, ZScoreNormalizer> e : norm.perKey().entrySet()) {
                    keys.add(KeyNormalizer.newBuilder().setKey(e.getKey()).setMean(means(e.getValue()))
                            .setStd(stds(e.getValue())).build());
                }
                b.setMode(NormalizerMode.PER_KEY).setMean(means(norm.global())).setStd(stds(norm.global()))
                        .setPerKey(keys);
            }
        }
        return b.build();
    }

    private static List<Float> means(ZScoreNormalizer z) {
        List<Float> out = new ArrayList<>();
        for (int j = 0; j < z.features(); j++) {
            out.add(z.mean(j));
        }
        return out;
    }

    private static List<Float> stds(ZScoreNormalizer z) {
        List<Float> out = new ArrayList<>();
        for (int j = 0; j < z.features(); j++) {
            out.add(z.std(j));
        }
        return out;
    }

    static Calibration calibration(CalibrationResult c) {
        return Calibration.newBuilder()
                .setCenter(list(c.center()))
                .setScale(list(c.scale()))
                .setScaleEstimator(io.seqscore.avro.ScaleEstimator.valueOf(c.scaleEstimator().name()))
                .setStatistic(io.seqscore.avro.ScoreStatistic.valueOf(c.statistic().name()))
                .setScoreQuantiles(list(c.scoreQuantiles()))
                .setThreshold(c.threshold())
                .setTargetFpr(c.targetFpr())
                .setIntervalCoverage(c.intervalCoverage())
                .setIntervalLower(list(c.intervalLower()))
                .setIntervalUpper(list(c.intervalUpper()))
                .setWarmupSteps(c.warmupSteps())
                .setSampleCount(c.sampleCount())
                .build();
    }

    private static List<Double> list(double[] values) {
        List<Double> out = new ArrayList<>(values.length);
        for (double v : values) {
            out.add(v);
        }
        return out;
    }

    static Provenance provenance(TrainedModel model, Dataset data, ReleaseOptions options) {
        List<Parameter> params = new ArrayList<>();
        options.hyperParameters().forEach((k, v) -> params.add(Parameter.newBuilder().setName(k).setValue(v).build()));
        List<Metric> metrics = new ArrayList<>();
        List<MetricValue> sorted = new ArrayList<>(model.metrics());
        sorted.sort(MetricValue.ORDER);
        for (MetricValue m : sorted) {
            metrics.add(Metric.newBuilder().setName(m.name()).setStep(m.step()).setValue(m.value()).build());
        }
        return Provenance.newBuilder()
                .setSource(options.source())
                .setDataFrom(Instant.ofEpochMilli(data.dataFrom()))
                .setDataTo(Instant.ofEpochMilli(data.dataTo()))
                .setKeyCount(data.series().size())
                .setEventCount(data.events())
                .setSeed(options.seed())
                .setTrainerVersion(options.trainerVersion())
                .setHyperParameters(params)
                .setMetrics(metrics)
                .build();
    }

    public static RolloutDirective rollout(Rollout r) {
        RolloutMode mode = r.shadow() ? RolloutMode.SHADOW : r.canaryPercent() != null ? RolloutMode.CANARY : RolloutMode.FULL;
        return RolloutDirective.newBuilder()
                .setMode(mode)
                .setCanaryPercent(r.canaryPercent() == null ? 0.0 : r.canaryPercent())
                .setActivateAt(r.activateAt() == null ? null : Instant.ofEpochMilli(r.activateAt()))
                .setRollbackTo(null)
                .build();
    }
}
