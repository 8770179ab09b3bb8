package io.seqscore.trainer.train;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.InputFeatures;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.model.core.features.EncodedSeries;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.model.core.norm.ZScoreNormalizer;
import io.seqscore.model.core.train.QuantileHeadLoss;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.calibrate.CalibrationResult;
import io.seqscore.trainer.calibrate.Calibrator;
import io.seqscore.trainer.data.SeriesStatistics;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.FittedNormalization;
import io.seqscore.trainer.data.NormalizationMode;
import io.seqscore.trainer.data.PreparedSeries;
import io.seqscore.trainer.data.SeriesWindows;
import io.seqscore.trainer.eval.BaselineComparison;
import io.seqscore.trainer.eval.DoubleArray;
import io.seqscore.trainer.eval.EvalRange;
import io.seqscore.trainer.eval.EvalRanges;
import io.seqscore.trainer.eval.Evaluation;
import io.seqscore.trainer.eval.ForecastMetrics;
import io.seqscore.trainer.eval.Forecaster;
import io.seqscore.trainer.eval.SeasonDetector;
import io.seqscore.trainer.eval.StreamingForecaster;
import io.seqscore.trainer.eval.ValidationEvaluator;
import io.seqscore.trainer.source.RawSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one training path, parameterized by the feature kind ({@link FeatureTransform}, resolved by name through
 * {@link FeatureKinds}): every run of a key's rows encoded by the transform → {@link SeriesWindows} → {@link Trainer}
 * (K times with {@link JobSettings#ensemble()} K, the members fused into one network by {@link EnsembleTraining})
 * → the head scaled by the head weight → the calibration, of the fused network when K > 1. Two ways to calibrate, chosen by the data:
 * <ul>
 * <li>{@link #run(Dataset, JobSettings, TrainingProgress)}, a data set with a validation part (VALUES features):
 *     early stopping on the validation loss, the network warmed up on the {@code warmup + H} events before each
 *     validation stretch; the best weights run over every segment from its start, as the scorer runs them; metrics
 *     against the last-value and seasonal-naive baselines and the calibration from the validation residuals; the
 *     quality gate's comparison ({@link GateMetrics}) on the validation part, enforced.
 *     Evaluation uses the scalar kernels, so the release does not depend on whether the JVM has the vector module.</li>
 * <li>{@link #run(List, JobSettings, TrainingProgress)}, every row of univariate keys trained on (any kind): the
 *     scaling fitted by {@link SeriesStatistics} (pooled, or per key), the spacing of a seasonal kind fitted over
 *     all keys; every epoch run, the last weights kept; the trained network run over every key's rows as the
 *     scorer runs it, whose in-sample residuals (double) z_{t+1+s} − base_s(t) − w·out_s after the calibration's
 *     warm-up give the calibration, and on the last {@link #IN_SAMPLE_TAIL} of each key's rows the quality
 *     gate's comparison, in sample and recorded only.</li>
 * </ul>
 */
public final class TrainingJob {
    private static final Logger LOG = LoggerFactory.getLogger(TrainingJob.class);
    private static final int MAX_SEASON_LAG = 1000;
    /** The share of each key's rows at its end on which a job trained on every event compares the forecasts. */
    static final double IN_SAMPLE_TAIL = 0.2;

    private TrainingJob() {
    }

    /**
     * A trained model, the data set it describes (for the provenance), the release's features record and what its
     * head forecasts.
     */
    public record Result(TrainedModel model, Dataset data, InputFeatures features, HeadSpec head) {
        public Result(TrainedModel model, Dataset data, InputFeatures features) {
            this(model, data, features, HeadSpec.REGRESSION);
        }
    }

    /** Trains on the data set's training part and calibrates on its validation part. */
    public static Result run(Dataset data, JobSettings settings, TrainingProgress progress) {
        TrainConfig tc = settings.train();
        FeatureTransform transform = FeatureKinds.create(settings.features());
        if (transform.historySize() != 0 || transform.networkInputs(data.dimension()) != data.dimension()) {
            throw new TrainerException("features " + transform.kind() + " train on every event (no validation part):"
                    + " the validated job runs a network that reads the events' scaled values");
        }
        int n = data.dimension();
        int warmup = settings.calibration().warmupSteps();
        int season = settings.season() > 0 ? settings.season() : detectSeason(data);
        ValidationEvaluator evaluator = new ValidationEvaluator(tc.horizon(), n, warmup, season);
        double maseScale = ValidationEvaluator.seasonalScale(data.series(), n, season);
        SeriesWindows windows = SeriesWindows.trainingPart(data, transform, settings.placement(), tc.window());
        if (windows.skippedRuns() > 0) {
            LOG.warn("{} training segment(s) shorter than the window of {} events were left out",
                    windows.skippedRuns(), tc.window().length());
        }
        LOG.info("{} training windows of {} events (burn-in {}) from {} training events; {} validation events;"
                + " seasonal-naive period {}", windows.count(), tc.window().length(), tc.window().burnIn(),
                windows.trainingSteps(), data.validationEvents(), season);
        HeadSpec head = settings.head();
        NetworkSpec spec = Trainer.spec(tc, transform.networkInputs(n),
                transform.forecastValues(n) * (QuantileHead.is(head) ? QuantileHead.ROWS : 1));
        NetworkSpec pointSpec = QuantileHead.forecastSpec(head, spec);
        ExecutorService pool = tc.threads() > 1 ? Executors.newFixedThreadPool(tc.threads(), r -> {
            Thread t = new Thread(r, "seqscore-eval");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            List<EvalRange> quick = EvalRanges.of(data, warmup + tc.horizon());
            TrainingResult training = EnsembleTraining.train(trainConfig(tc, head), settings.ensemble(), windows, spec,
                    params -> {
                Network net = Network.of(pointSpec, point(head, spec, params), KernelPath.SCALAR);
                return evaluator.evaluate(quick, StreamingForecaster.forecast(net, quick, pool), maseScale, false).loss();
            }, progress);
            float[] params = scaledHead(training.spec(), head, training.params(), settings.headWeight());
            List<EvalRange> full = EvalRanges.of(data, -1);
            Network net = Network.of(QuantileHead.forecastSpec(head, training.spec()), point(head, training.spec(), params),
                    KernelPath.SCALAR);
            Evaluation eval = evaluator.evaluate(full, StreamingForecaster.forecast(net, full, pool), maseScale, true);
            if (eval.events(n) == 0) {
                throw new TrainerException("no validation event left after the warm-up of " + warmup
                        + " events per segment: lower --warmup-steps or add history");
            }
            CalibrationResult calibration = Calibrator.fit(eval.residuals(), eval.oneStep(), n, settings.calibration());
            warnIfBaselinesWin(eval.metrics());
            List<MetricValue> metrics = metrics(eval, training, calibration, season, settings.ensemble());
            TrainedModel model = new TrainedModel(training.spec(), params, data.normalization(), calibration,
                    eval.metrics(), metrics, training, season);
            return new Result(model, data, features(transform.parameters()), head);
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    /**
     * Trains on every row of univariate keys and calibrates in sample.
     *
     * @param keys each key's rows in arrival order, one value per row; keys unique
     */
    public static Result run(List<RawSeries> keys, JobSettings settings, TrainingProgress progress) {
        TrainConfig tc = settings.train();
        SeriesStatistics pooled = SeriesStatistics.fit(keys);
        FeatureParameters parameters = settings.features().periodMillis() > 0
                ? settings.features().withSpacing(pooled.spacingMillis()) : settings.features();
        FeatureTransform transform = FeatureKinds.create(parameters);
        List<SeriesStatistics> scaling = new ArrayList<>(keys.size());
        for (RawSeries key : keys) {
            scaling.add(switch (settings.normalization()) {
                case GLOBAL -> pooled;
                case PER_KEY -> SeriesStatistics.fit(List.of(key));
                case NONE -> new SeriesStatistics(0f, 1f, pooled.spacingMillis());
            });
        }
        SeriesWindows windows = SeriesWindows.keys(keys, scaling, transform, settings.placement(), tc.window());
        if (windows.count() == 0) {
            LOG.warn("no training window: no key has {} training rows; the release keeps its initial weights",
                    tc.window().length() + tc.horizon());
        }
        HeadSpec head = settings.head();
        int rows = QuantileHead.is(head) ? QuantileHead.ROWS : 1;
        NetworkSpec spec = Trainer.spec(tc, transform.networkInputs(1), transform.forecastValues(1) * rows);
        TrainingResult training = EnsembleTraining.train(trainConfig(tc, head), settings.ensemble(), windows, spec,
                null, progress);
        float[] params = scaledHead(training.spec(), head, training.params(), settings.headWeight());
        int season = inSampleSeason(settings, transform.parameters());
        BaselineComparison.Sums baselines = new BaselineComparison.Sums();
        InSampleInterval interval = new InSampleInterval();
        CalibrationResult calibration = calibrateInSample(training.spec(), head, params, windows, settings, season,
                baselines, interval);
        FittedNormalization normalization = normalization(keys, scaling, settings.normalization());
        List<MetricValue> metrics = new ArrayList<>();
        if (!training.epochs().isEmpty()) {
            metrics.add(new MetricValue("train.loss", 0,
                    training.epochs().get(training.epochs().size() - 1).trainLoss()));
        }
        metrics.add(new MetricValue("train.epochs", 0, training.epochs().size()));
        metrics.add(new MetricValue("calibration.flag_rate", 0, calibration.flagRate()));
        if (settings.headWeight() != 1f) {
            metrics.add(new MetricValue("head.weight", 0, settings.headWeight()));
        }
        if (interval.values > 0) {
            metrics.add(new MetricValue("interval.coverage", 0, (double) interval.inside / interval.values));
        }
        if (settings.ensemble() > 1) {
            metrics.add(new MetricValue("ensemble.members", 0, settings.ensemble()));
        }
        metrics.addAll(GateMetrics.of(baselines.comparison(season, false), false));
        metrics.sort(MetricValue.ORDER);
        TrainedModel model = new TrainedModel(training.spec(), params, normalization, calibration, null,
                List.copyOf(metrics), training, 0);
        return new Result(model, dataset(keys, windows, normalization), features(parameters), head);
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
                                     int season, int ensemble) {
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
        if (ensemble > 1) {
            add(out, "ensemble.members", 0, ensemble);
        }
        out.addAll(GateMetrics.of(BaselineComparison.heldOut(m, season), true));
        out.sort(MetricValue.ORDER);
        return List.copyOf(out);
    }

    private static void add(List<MetricValue> out, String name, int step, double value) {
        if (Double.isFinite(value)) {
            out.add(new MetricValue(name, step, value));
        }
    }

    /**
     * Forecast = base + w·output: the head's weights and biases of the point's rows times w, before calibration, so
     * the released calibration describes the served forecast. A quantile head's bounds stay as trained: they are
     * quantiles of the value, whatever the point forecast.
     */
    private static float[] scaledHead(NetworkSpec spec, float[] trained, float w) {
        return scaledHead(spec, HeadSpec.REGRESSION, trained, w);
    }

    private static float[] scaledHead(NetworkSpec spec, HeadSpec head, float[] trained, float w) {
        if (w == 1f) {
            return trained;
        }
        float[] p = trained.clone();
        int units = spec.lastUnits();
        for (int r = 0; r < spec.outputSize(); r++) {
            if (!QuantileHead.isPointRow(head, r % spec.outputDim())) {
                continue;
            }
            for (int j = 0; j < units; j++) {
                p[spec.headWOffset() + r * units + j] *= w;
            }
            p[spec.headBOffset() + r] *= w;
        }
        return p;
    }

    /** The config with the head's loss: the quantile head's (squared error plus pinball), else the config's own. */
    private static TrainConfig trainConfig(TrainConfig tc, HeadSpec head) {
        return QuantileHead.is(head)
                ? tc.toBuilder().loss(new QuantileHeadLoss(QuantileHead.lower(head), QuantileHead.upper(head))).build() : tc;
    }

    /** The parameters of the network that computes only the point forecasts (the network itself without bounds). */
    private static float[] point(HeadSpec head, NetworkSpec spec, float[] params) {
        return QuantileHead.is(head) ? QuantileHead.rows(spec, params, 1) : params;
    }

    /** The in-sample share of values inside a quantile head's interval, after the calibration's warm-up. */
    private static final class InSampleInterval {
        private long inside;
        private long values;
    }

    /**
     * The seasonal-naive period in events of a job trained on every event: {@code --season} when given, else the
     * features' period over their fitted spacing, else 1 (a kind without a period: the last value).
     */
    static int inSampleSeason(JobSettings settings, FeatureParameters features) {
        if (settings.season() > 0) {
            return settings.season();
        }
        if (features.periodMillis() > 0 && features.spacingMillis() > 0) {
            return (int) Math.max(1, Math.round((double) features.periodMillis() / features.spacingMillis()));
        }
        return 1;
    }

    /**
     * Calibrates on the in-sample residuals after the warm-up and, on the last {@link #IN_SAMPLE_TAIL} of each key's
     * rows, adds the model's, the last value's and the seasonal naive's errors (period {@code season} events) to
     * {@code baselines} at the anchored rows whose seasonal value lies in the key's rows.
     */
    private static CalibrationResult calibrateInSample(NetworkSpec spec, HeadSpec head, float[] params,
                                                       SeriesWindows windows, JobSettings settings, int season,
                                                       BaselineComparison.Sums baselines, InSampleInterval interval) {
        int horizon = spec.horizon();
        int dims = QuantileHead.forecastValues(head, spec);
        boolean quantiles = QuantileHead.is(head);
        int warmup = settings.calibration().warmupSteps();
        Network net = Network.of(spec, params, KernelPath.SCALAR);
        float[] state = net.newState();
        float[] out = new float[spec.outputSize()];
        float[] x = new float[spec.inputSize()];
        DoubleArray[] residuals = new DoubleArray[horizon * dims];
        for (int i = 0; i < residuals.length; i++) {
            residuals[i] = new DoubleArray();
        }
        DoubleArray oneStep = new DoubleArray();
        for (int r = 0; r < windows.runCount(); r++) {
            EncodedSeries run = windows.run(r);
            float[] z = run.z();
            int tail = (int) Math.floor(run.rows() * (1 - IN_SAMPLE_TAIL));
            Arrays.fill(state, 0f);
            for (int t = 0; t < run.rows(); t++) {
                System.arraycopy(run.inputs(), t * x.length, x, 0, x.length);
                net.step(state, x, out);
                if (t < warmup) {
                    continue;
                }
                for (int s = 0; s < horizon && t + 1 + s < run.rows(); s++) {
                    for (int d = 0; d < dims; d++) {
                        int row = quantiles ? s * spec.outputDim() + d * QuantileHead.ROWS : s * dims + d;
                        double residual = run.residual(t, s, d, out[quantiles ? row + 1 : row]);
                        residuals[s * dims + d].add(residual);
                        if (quantiles) {
                            double lo = run.residual(t, s, d, out[row]);
                            double hi = run.residual(t, s, d, out[row + 2]);
                            interval.inside += Math.min(lo, hi) <= 0 && 0 <= Math.max(lo, hi) ? 1 : 0;
                            interval.values++;
                        }
                        if (s == 0) {
                            oneStep.add(residual);
                        }
                        int p = t + 1 + s;
                        int back = p - season * ((1 + s + season - 1) / season);
                        if (p >= tail && back >= 0 && run.anchored()[t]) {
                            baselines.add(residual, (double) z[p * dims + d] - z[t * dims + d],
                                    (double) z[p * dims + d] - z[back * dims + d]);
                        }
                    }
                }
            }
        }
        if (residuals[0].size() == 0) {
            throw new TrainerException("no training row after the calibration's warm-up of " + warmup + " events");
        }
        double[][] r = new double[residuals.length][];
        for (int i = 0; i < residuals.length; i++) {
            r[i] = residuals[i].toArray();
        }
        return Calibrator.fit(r, oneStep.toArray(), dims, settings.calibration());
    }

    private static FittedNormalization normalization(List<RawSeries> keys, List<SeriesStatistics> scaling,
                                                     NormalizationMode mode) {
        return switch (mode) {
            case GLOBAL -> FittedNormalization.global(ZScoreNormalizer.of(new float[] {scaling.get(0).mean()},
                    new float[] {scaling.get(0).std()}));
            case NONE -> FittedNormalization.none(1);
            case PER_KEY -> {
                Map<String, ZScoreNormalizer> perKey = new TreeMap<>();
                for (int k = 0; k < keys.size(); k++) {
                    SeriesStatistics s = scaling.get(k);
                    if (perKey.put(keys.get(k).key(), ZScoreNormalizer.of(new float[] {s.mean()}, new float[] {s.std()}))
                            != null) {
                        throw new TrainerException("key '" + keys.get(k).key() + "' appears twice");
                    }
                }
                yield FittedNormalization.perKey(perKey);
            }
        };
    }

    private static Dataset dataset(List<RawSeries> keys, SeriesWindows runs, FittedNormalization normalization) {
        List<PreparedSeries> series = new ArrayList<>();
        long events = 0;
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        for (int k = 0; k < keys.size(); k++) {
            RawSeries s = keys.get(k);
            series.add(new PreparedSeries(s.key(), 1, s.times(), runs.run(k).z(), s.size(), new int[] {0}));
            events += s.size();
            for (long t : s.times()) {
                from = Math.min(from, t);
                to = Math.max(to, t);
            }
        }
        return new Dataset(List.copyOf(series), normalization, 1, events, events, 0, 0, 0, from, to);
    }

    /**
     * The release's features record of these parameters: the kind by name, and by its FeatureKind symbol where
     * the enum has one (UNKNOWN otherwise, so that scorers older than named kinds reject it).
     */
    static InputFeatures features(FeatureParameters p) {
        return InputFeatures.newBuilder()
                .setKind(featureKindSymbol(p.kind()))
                .setName(p.kind())
                .setPeriodMillis(p.periodMillis())
                .setSpacingMillis(p.spacingMillis())
                .setToleranceMillis(p.toleranceMillis())
                .setHistorySize(p.historySize())
                .setClip(p.clip())
                .setParameters(p.named().entrySet().stream().map(e -> new NamedValue(e.getKey(), e.getValue())).toList())
                .setVocabulary(p.vocabulary())
                .build();
    }

    private static FeatureKind featureKindSymbol(String kind) {
        for (FeatureKind symbol : FeatureKind.values()) {
            if (symbol != FeatureKind.UNKNOWN && symbol.name().equals(kind)) {
                return symbol;
            }
        }
        return FeatureKind.UNKNOWN;
    }
}
