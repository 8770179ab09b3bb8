package io.seqscore.trainer.train;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.InputFeatures;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.norm.ZScoreNormalizer;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.calibrate.CalibrationResult;
import io.seqscore.trainer.calibrate.Calibrator;
import io.seqscore.trainer.data.ChangeStatistics;
import io.seqscore.trainer.data.ChangeWindows;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.FittedNormalization;
import io.seqscore.trainer.data.PreparedSeries;
import io.seqscore.trainer.eval.DoubleArray;
import io.seqscore.trainer.source.RawSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fit, train, calibrate a SEASONAL_CHANGES forecaster on the training rows of univariate keys (arrival order):
 * {@link ChangeStatistics} (μ, σ, spacing) → {@link ChangeWindows} → {@link ChangeTrainer} → the trained network
 * run over every key's rows as the scorer runs it, whose in-sample residuals z_{t+1+s} − (z_t + ŷ_s) after the
 * calibration's warm-up give the calibration (there is no validation part: every row is trained on).
 */
public final class ChangeTrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(ChangeTrainingJob.class);

    private ChangeTrainingJob() {
    }

    /** A trained SEASONAL_CHANGES model, the data set it describes (for the provenance) and its features record. */
    public record Result(TrainedModel model, Dataset data, InputFeatures features) {
    }

    /** @param keys each key's training rows in arrival order, one value per row */
    public static Result run(List<RawSeries> keys, ChangeConfig config, TrainingProgress progress) {
        TrainConfig tc = config.train();
        ChangeStatistics stats = ChangeStatistics.fit(keys);
        ChangeWindows windows = ChangeWindows.of(keys, stats, config.features(stats.spacingMillis()),
                config.historySize(), tc.window());
        if (windows.count() == 0) {
            LOG.warn("no training window: no key has {} training rows; the release keeps its initial weights",
                    tc.window().length() + tc.horizon());
        }
        TrainingResult training = new ChangeTrainer(tc, config.shuffleSeed()).train(windows, progress);
        CalibrationResult calibration = calibrate(training, windows, keys.size(), config);
        FittedNormalization normalization = FittedNormalization.global(
                ZScoreNormalizer.of(new float[] {stats.mean()}, new float[] {stats.std()}));
        List<MetricValue> metrics = new ArrayList<>();
        if (!training.epochs().isEmpty()) {
            metrics.add(new MetricValue("train.loss", 0, training.epochs().get(training.epochs().size() - 1).trainLoss()));
        }
        metrics.add(new MetricValue("train.epochs", 0, training.epochs().size()));
        metrics.add(new MetricValue("calibration.flag_rate", 0, calibration.flagRate()));
        metrics.sort(MetricValue.ORDER);
        TrainedModel model = new TrainedModel(training.spec(), training.params(), normalization, calibration, null,
                List.copyOf(metrics), training, 0);
        InputFeatures features = InputFeatures.newBuilder()
                .setKind(FeatureKind.SEASONAL_CHANGES)
                .setPeriodMillis(config.periodMillis())
                .setSpacingMillis(stats.spacingMillis())
                .setToleranceMillis(config.toleranceMillis())
                .setHistorySize(config.historySize())
                .setClip(config.clip())
                .build();
        return new Result(model, dataset(keys, windows, normalization), features);
    }

    private static CalibrationResult calibrate(TrainingResult training, ChangeWindows windows, int keys,
                                               ChangeConfig config) {
        int horizon = config.train().horizon();
        int warmup = config.calibration().warmupSteps();
        Network net = Network.of(training.spec(), training.params(), KernelPath.SCALAR);
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
            Arrays.fill(state, 0f);
            for (int t = 0; t < z.length; t++) {
                System.arraycopy(in, t * SeasonalChanges.INPUTS, x, 0, SeasonalChanges.INPUTS);
                net.step(state, x, out);
                if (t < warmup) {
                    continue;
                }
                for (int s = 0; s < horizon && t + 1 + s < z.length; s++) {
                    residuals[s].add((double) z[t + 1 + s] - z[t] - out[s]);
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

    private static Dataset dataset(List<RawSeries> keys, ChangeWindows windows, FittedNormalization normalization) {
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
