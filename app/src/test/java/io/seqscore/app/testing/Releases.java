package io.seqscore.app.testing;

import io.seqscore.avro.Architecture;
import io.seqscore.avro.Calibration;
import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.Provenance;
import io.seqscore.avro.Tensor;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.trainer.release.ReleaseBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/** Model releases for tests, built from a {@link NetworkSpec} and its flat parameters. */
public final class Releases {
    private Releases() {
    }

    /** Uniform random weights in [−scale, scale], reproducible from the seed. */
    public static float[] randomParams(NetworkSpec spec, long seed, float scale) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] p = new float[spec.paramCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((random.nextDouble() * 2 - 1) * scale);
        }
        return p;
    }

    public static List<Tensor> tensors(NetworkSpec spec, float[] params) {
        return ReleaseBuilder.tensors(spec, params);
    }

    public static Architecture architecture(NetworkSpec spec) {
        return ReleaseBuilder.architecture(spec);
    }

    public static Normalizer global(float[] mean, float[] std) {
        return Normalizer.newBuilder().setMode(NormalizerMode.GLOBAL).setMean(boxed(mean)).setStd(boxed(std))
                .setPerKey(new ArrayList<>()).build();
    }

    public static Normalizer none() {
        return Normalizer.newBuilder().setMode(NormalizerMode.NONE).setMean(new ArrayList<>()).setStd(new ArrayList<>())
                .setPerKey(new ArrayList<>()).build();
    }

    /**
     * Residuals standardized by {@code scale} around 0 (the same for all H·D values), the Gaussian score
     * map, a flag threshold and warm-up, and intervals of ±1.96 scale.
     */
    public static Calibration gaussian(NetworkSpec spec, double scale, double threshold, int warmup) {
        int size = spec.outputSize();
        return Calibration.newBuilder()
                .setCenter(new ArrayList<>(Collections.nCopies(size, 0.0)))
                .setScale(new ArrayList<>(Collections.nCopies(size, scale)))
                .setScoreQuantiles(new ArrayList<>())
                .setThreshold(threshold)
                .setIntervalLower(new ArrayList<>(Collections.nCopies(size, -1.96 * scale)))
                .setIntervalUpper(new ArrayList<>(Collections.nCopies(size, 1.96 * scale)))
                .setWarmupSteps(warmup)
                .build();
    }

    public static ModelRelease release(String name, long version, NetworkSpec spec, float[] params, Normalizer normalizer,
                                       Calibration calibration) {
        return ModelRelease.newBuilder()
                .setName(name)
                .setVersion(version)
                .setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L + version))
                .setArchitecture(architecture(spec))
                .setWeights(tensors(spec, params))
                .setNormalizer(normalizer)
                .setCalibration(calibration)
                .setProvenance(Provenance.newBuilder().setSource("test").build())
                .build();
    }

    /** SEASONAL_CHANGES input features (times in milliseconds). */
    public static InputFeatures seasonalChanges(long periodMs, long spacingMs, long toleranceMs, int historySize,
                                                float clip) {
        return InputFeatures.newBuilder().setKind(FeatureKind.SEASONAL_CHANGES).setPeriodMillis(periodMs)
                .setSpacingMillis(spacingMs).setToleranceMillis(toleranceMs).setHistorySize(historySize).setClip(clip)
                .build();
    }

    /**
     * A SEASONAL_CHANGES release: the network reads the 4 inputs of model/core's SeasonalChanges and forecasts
     * changes of the one scaled value (spec: inputSize 4, outputDim 1), GLOBAL normalizer of the one value.
     */
    public static ModelRelease seasonalRelease(String name, long version, NetworkSpec spec, float[] params, float mean,
                                               float std, Calibration calibration, InputFeatures features) {
        ModelRelease r = release(name, version, spec, params, global(new float[] {mean}, new float[] {std}), calibration);
        r.setFeatures(features);
        return r;
    }

    private static List<Float> boxed(float[] a) {
        List<Float> out = new ArrayList<>(a.length);
        for (float v : a) {
            out.add(v);
        }
        return out;
    }
}
