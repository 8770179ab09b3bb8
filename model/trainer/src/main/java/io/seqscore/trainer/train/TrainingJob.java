package io.seqscore.trainer.train;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.calibrate.CalibrationResult;
import io.seqscore.trainer.calibrate.Calibrator;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.TrainingWindows;
import io.seqscore.trainer.eval.EvalRange;
import io.seqscore.trainer.eval.EvalRanges;
import io.seqscore.trainer.eval.Evaluation;
import io.seqscore.trainer.eval.ForecastMetrics;
import io.seqscore.trainer.eval.Forecaster;
import io.seqscore.trainer.eval.SeasonDetector;
import io.seqscore.trainer.eval.StreamingForecaster;
import io.seqscore.trainer.eval.ValidationEvaluator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Train, evaluate, calibrate: windows → {@link Trainer} (early stopping on the validation loss, the
 * network warmed up on the {@code warmup + H} events before each validation stretch) → the best weights
 * run over every segment from its start, as the scorer runs them → metrics against the baselines and
 * the calibration from the validation residuals. Evaluation uses the scalar kernels, so the release does
 * not depend on whether the JVM has the vector module.
 */
public final class TrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);
    private static final int MAX_SEASON_LAG = 1000;

    private TrainingJob() {
    }

    public static TrainedModel run(Dataset data, JobConfig config, TrainingProgress progress) {
        TrainConfig tc = config.train();
        int n = data.dimension();
        int warmup = config.calibration().warmupSteps();
        int season = config.season() > 0 ? config.season() : detectSeason(data);
        ValidationEvaluator evaluator = new ValidationEvaluator(tc.horizon(), n, warmup, season);
        double maseScale = ValidationEvaluator.seasonalScale(data.series(), n, season);
        TrainingWindows windows = TrainingWindows.of(data, tc.window());
        if (windows.skippedSegments() > 0) {
            LOG.warn("{} training segment(s) shorter than the window of {} events were left out",
                    windows.skippedSegments(), tc.window().length());
        }
        LOG.info("{} training windows of {} events (burn-in {}) from {} training events; {} validation events;"
                + " seasonal-naive period {}", windows.count(), tc.window().length(), tc.window().burnIn(),
                windows.trainingSteps(), data.validationEvents(), season);
        ExecutorService pool = tc.threads() > 1 ? Executors.newFixedThreadPool(tc.threads(), r -> {
            Thread t = new Thread(r, "seqscore-eval");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            List<EvalRange> quick = EvalRanges.of(data, warmup + tc.horizon());
            TrainingResult training = new Trainer(tc).train(windows, params -> {
                Network net = Network.of(Trainer.spec(tc, n), params, KernelPath.SCALAR);
                return evaluator.evaluate(quick, StreamingForecaster.forecast(net, quick, pool), maseScale, false).loss();
            }, progress);
            List<EvalRange> full = EvalRanges.of(data, -1);
            Network net = Network.of(training.spec(), training.params(), KernelPath.SCALAR);
            Evaluation eval = evaluator.evaluate(full, StreamingForecaster.forecast(net, full, pool), maseScale, true);
            if (eval.events(n) == 0) {
                throw new TrainerException("no validation event left after the warm-up of " + warmup
                        + " events per segment: lower --warmup-steps or add history");
            }
            CalibrationResult calibration = Calibrator.fit(eval.residuals(), eval.oneStep(), n, config.calibration());
            warnIfBaselinesWin(eval.metrics());
            List<MetricValue> metrics = metrics(eval, training, calibration, season);
            return new TrainedModel(training.spec(), training.params(), data.normalization(), calibration,
                    eval.metrics(), metrics, training, season);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    static int detectSeason(Dataset data) {
        int longest = 0;
        for (var s : data.series()) {
            for (int g = 0; g < s.segmentCount(); g++) {
                longest = Math.max(longest, Math.min(s.segmentEnd(g), s.validationStart()) - s.segmentStart(g));
            }
        }
        int maxLag = Math.max(3, Math.min(MAX_SEASON_LAG, longest / 3));
        return SeasonDetector.detect(data.series(), data.dimension(), maxLag);
    }

    private static void warnIfBaselinesWin(ForecastMetrics m) {
        for (int s = 1; s <= m.horizon(); s++) {
            for (Forecaster baseline : new Forecaster[] {Forecaster.NAIVE, Forecaster.SEASONAL_NAIVE}) {
                double model = m.mae(Forecaster.MODEL, s);
                double other = m.mae(baseline, s);
                if (!(model < other)) {
                    LOG.warn("the model does not beat the {} forecast at horizon step {}: validation MAE {} vs {}",
                            baseline == Forecaster.NAIVE ? "last-value" : "seasonal-naive", s,
                            String.format("%.4f", model), String.format("%.4f", other));
                }
            }
        }
    }

    static List<MetricValue> metrics(Evaluation eval, TrainingResult training, CalibrationResult calibration,
                                     int season) {
        ForecastMetrics m = eval.metrics();
        List<MetricValue> out = new ArrayList<>();
        for (Forecaster f : Forecaster.values()) {
            for (int s = 0; s <= m.horizon(); s++) {
                add(out, f.metricPrefix() + "mae", s, m.mae(f, s));
                add(out, f.metricPrefix() + "rmse", s, m.rmse(f, s));
                add(out, f.metricPrefix() + "mase", s, m.mase(f, s));
            }
        }
        add(out, "validation.loss", 0, eval.loss());
        add(out, "train.loss", 0, training.best().trainLoss());
        add(out, "train.epochs", 0, training.epochs().size());
        add(out, "train.best_epoch", 0, training.bestEpoch());
        add(out, "calibration.flag_rate", 0, calibration.flagRate());
        add(out, "seasonal_naive.period", 0, season);
        out.sort(MetricValue.ORDER);
        return List.copyOf(out);
    }

    private static void add(List<MetricValue> out, String name, int step, double value) {
        if (Double.isFinite(value)) {
            out.add(new MetricValue(name, step, value));
        }
    }
}
