package io.seqscore.trainer.symbols;

import io.seqscore.avro.Calibration;
import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.ScaleEstimator;
import io.seqscore.avro.ScoreStatistic;
import io.seqscore.model.core.SoftmaxValuesHead;
import io.seqscore.model.core.features.SymbolFeatures;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.SymbolReleases;
import io.seqscore.trainer.sessions.SessionRelease;

import java.util.ArrayList;
import java.util.List;

/**
 * A trained model of symbols and values as an (unsigned) release, with no schema change: features named SYMBOLS
 * (the enum kind UNKNOWN) with the vocabulary and the named parameters {@code embedding} and {@code values} (m),
 * the head {@code softmax-values} (both unknown to scorers that predate them, which reject the release), a GLOBAL
 * normalizer of the row (index: μ 0, σ 1; value d: its training μ_d, σ_d), and a calibration of V + m entries
 * (symbol slots: center 0, scale 1, no interval; value d: center 0, scale_d, interval ±1.96·scale_d) with the
 * calibrated threshold. g and the counts are provenance metrics as for {@code --sessions} releases.
 */
public final class SymbolValuesRelease {
    private SymbolValuesRelease() {
    }

    public static ModelRelease build(SymbolValuesTraining t, long events, ReleaseOptions options, double targetFpr) {
        int v = t.vocabulary().size();
        int m = t.values();
        List<Double> center = new ArrayList<>();
        List<Double> scale = new ArrayList<>();
        List<Double> lower = new ArrayList<>();
        List<Double> upper = new ArrayList<>();
        double[] residualScale = t.residualScale();
        for (int i = 0; i < v + m; i++) {
            double s = i < v ? 1.0 : residualScale[i - v];
            double half = i < v ? 0.0 : SymbolValuesTraining.intervalZ() * s;
            center.add(0.0);
            scale.add(s);
            lower.add(-half);
            upper.add(half);
        }
        Calibration calibration = Calibration.newBuilder()
                .setCenter(center).setScale(scale).setScaleEstimator(ScaleEstimator.STD)
                .setStatistic(ScoreStatistic.MAX_ABS).setScoreQuantiles(new ArrayList<>())
                .setThreshold(t.threshold()).setTargetFpr(targetFpr)
                .setIntervalCoverage(SymbolValuesTraining.INTERVAL_COVERAGE)
                .setIntervalLower(lower).setIntervalUpper(upper).setWarmupSteps(0)
                .setSampleCount(t.calibrationEvents())
                .build();
        List<NamedValue> parameters = List.of(
                NamedValue.newBuilder().setName(SymbolFeatures.EMBEDDING).setValue(t.embedding()).build(),
                NamedValue.newBuilder().setName(SymbolFeatures.VALUES).setValue(m).build());
        List<Float> mean = new ArrayList<>();
        List<Float> std = new ArrayList<>();
        mean.add(0f);
        std.add(1f);
        float[] mu = t.mean();
        float[] sigma = t.std();
        for (int d = 0; d < m; d++) {
            mean.add(mu[d]);
            std.add(sigma[d]);
        }
        List<Metric> metrics = List.of(
                SymbolReleases.metric("calibration.events", t.calibrationEvents()),
                SymbolReleases.metric("calibration.flagged.threshold", t.flaggedAtThreshold()),
                SymbolReleases.metric("calibration.keys", t.heldOutKeys()),
                SymbolReleases.metric(SessionRelease.TOP_G_METRIC, t.g()),
                SymbolReleases.metric("train.loss", t.trainingLoss()));
        return SymbolReleases.builder(options, t.spec(), t.params(), SoftmaxValuesHead.KIND)
                .setNormalizer(Normalizer.newBuilder().setMode(NormalizerMode.GLOBAL).setMean(mean).setStd(std)
                        .setPerKey(new ArrayList<>()).build())
                .setCalibration(calibration)
                .setProvenance(SymbolReleases.provenance(options, t.trainedKeys(), events, metrics))
                .setFeatures(SymbolReleases.features(parameters, t.vocabulary().symbols()))
                .build();
    }
}
