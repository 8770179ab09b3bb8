package io.seqscore.trainer.train;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.model.core.norm.ZScoreNormalizer;
import io.seqscore.model.core.train.Sharding;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.calibrate.CalibrationResult;
import io.seqscore.trainer.calibrate.Calibrator;
import io.seqscore.trainer.data.ChangeStatistics;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.FittedNormalization;
import io.seqscore.trainer.data.OffsetWindows;
import io.seqscore.trainer.data.PreparedSeries;
import io.seqscore.trainer.eval.DoubleArray;
import io.seqscore.trainer.source.RawSeries;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fit, train, calibrate ONE SEASONAL_OFFSETS forecaster over many univariate keys, each with its own
 * normalizer (PER_KEY): the spacing = {@link ChangeStatistics#fit} over all keys, μ_k and σ_k per key →
 * {@link OffsetWindows} → {@link ChangeTrainer} (the config's shards and threads) → the trained network run over
 * every key's rows as the scorer runs it, whose in-sample residuals z_{t+1+s} − (b_s(t) + ŷ_s) after the
 * calibration's warm-up give the calibration (every row is trained on; the last epoch's weights are kept).
 */
public final class OffsetTrainingJob {
    private OffsetTrainingJob() {
    }

    /** A trained SEASONAL_OFFSETS model, the data set it describes (for the provenance) and its features record. */
    public record Result(TrainedModel model, Dataset data, InputFeatures features) {
    }

    /** @param keys each key's training rows in arrival order, one value per row; keys unique */
    public static Result run(List<RawSeries> keys, ChangeConfig config, TrainingProgress progress) {
        TrainConfig tc = config.train();
        long spacing = ChangeStatistics.fit(keys).spacingMillis();
        SeasonalChanges features = config.features(spacing);
        OffsetWindows windows = OffsetWindows.of(keys, features, config.historySize(), tc.window());
        if (windows.count() == 0) {
            throw new TrainerException("no training window: no key has " + (tc.window().length() + tc.horizon())
                    + " training rows");
        }
        TrainingResult training = new ChangeTrainer(tc, config.shuffleSeed(), new Sharding(tc.shards(), tc.threads()))
                .train(windows, progress);
        float[] params = scaledHead(training.spec(), training.params(), config.headWeight());
        CalibrationResult calibration = calibrate(training.spec(), params, windows, keys.size(), config);
        Map<String, ZScoreNormalizer> perKey = new TreeMap<>();
        for (int k = 0; k < keys.size(); k++) {
            ChangeStatistics s = windows.statistics(k);
            if (perKey.put(keys.get(k).key(), ZScoreNormalizer.of(new float[] {s.mean()}, new float[] {s.std()})) != null) {
                throw new TrainerException("key '" + keys.get(k).key() + "' appears twice");
            }
        }
        FittedNormalization normalization = FittedNormalization.perKey(perKey);
        List<MetricValue> metrics = new ArrayList<>();
        metrics.add(new MetricValue("train.loss", 0, training.epochs().get(training.epochs().size() - 1).trainLoss()));
        metrics.add(new MetricValue("train.epochs", 0, training.epochs().size()));
        metrics.add(new MetricValue("calibration.flag_rate", 0, calibration.flagRate()));
        if (config.headWeight() != 1f) {
            metrics.add(new MetricValue("head.weight", 0, config.headWeight()));
        }
        metrics.sort(MetricValue.ORDER);
        TrainedModel model = new TrainedModel(training.spec(), params, normalization, calibration, null,
                List.copyOf(metrics), training, 0);
        InputFeatures release = InputFeatures.newBuilder()
                .setKind(FeatureKind.SEASONAL_OFFSETS)
                .setPeriodMillis(config.periodMillis())
                .setSpacingMillis(spacing)
                .setToleranceMillis(config.toleranceMillis())
                .setHistorySize(config.historySize())
                .setClip(config.clip())
                .build();
        return new Result(model, dataset(keys, windows, normalization), release);
    }

    /**
     * Forecast = anchor + w·offset: the head's weights and biases times w, before calibration, so the released
     * calibration describes the served forecast.
     */
    private static float[] scaledHead(NetworkSpec spec, float[] trained, float w) {
        if (w == 1f) {
            return trained;
        }
        float[] p = trained.clone();
        int end = spec.headBOffset() + spec.outputSize();
        for (int i = spec.headWOffset(); i < end; i++) {
            p[i] *= w;
        }
        return p;
    }

    private static CalibrationResult calibrate(NetworkSpec spec, float[] params, OffsetWindows windows, int keys,
                                               ChangeConfig config) {
        int horizon = config.train().horizon();
        int warmup = config.calibration().warmupSteps();
        Network net = Network.of(spec, params, KernelPath.SCALAR);
        float[] state = net.newState();
        float[] out = new float[horizon];
        float[] x = new float[SeasonalChanges.INPUTS];
        DoubleArray[] residuals = new DoubleArray[horizon];
        for (int s = 0; s < horizon; s++) {
            residuals[s] = new DoubleArray();
        }
        for (int k = 0; k < keys; k++) {
            float[] in = windows.inputs(k);
            float[] z = windows.z(k);
            float[] base = windows.bases(k);
            Arrays.fill(state, 0f);
            for (int t = 0; t < z.length; t++) {
                System.arraycopy(in, t * SeasonalChanges.INPUTS, x, 0, SeasonalChanges.INPUTS);
                net.step(state, x, out);
                if (t < warmup) {
                    continue;
                }
                for (int s = 0; s < horizon && t + 1 + s < z.length; s++) {
                    residuals[s].add((double) z[t + 1 + s] - base[t * horizon + s] - out[s]);
                }
            }
        }
        if (residuals[0].size() == 0) {
            throw new TrainerException("no training row after the calibration's warm-up of " + warmup + " events");
        }
        double[][] r = new double[horizon][];
        for (int s = 0; s < horizon; s++) {
            r[s] = residuals[s].toArray();
        }
        return Calibrator.fit(r, r[0], 1, config.calibration());
    }

    private static Dataset dataset(List<RawSeries> keys, OffsetWindows windows, FittedNormalization normalization) {
        List<PreparedSeries> series = new ArrayList<>();
        long events = 0;
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (int k = 0; k < keys.size(); k++) {
            RawSeries s = keys.get(k);
            series.add(new PreparedSeries(s.key(), 1, s.times(), windows.z(k), s.size(), new int[] {0}));
            events += s.size();
            for (long t : s.times()) {
                from = Math.min(from, t);
                to = Math.max(to, t);
            }
        }
        return new Dataset(List.copyOf(series), normalization, 1, events, events, 0, 0, 0, from, to);
    }
}
