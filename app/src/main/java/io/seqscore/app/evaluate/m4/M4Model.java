package io.seqscore.app.evaluate.m4;

import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.SeasonalOffsetsFeatures;
import io.seqscore.trainer.calibrate.CalibrationOptions;
import io.seqscore.trainer.calibrate.ScaleEstimator;
import io.seqscore.trainer.calibrate.ScoreStatistic;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.DatasetBuilder;
import io.seqscore.trainer.data.DatasetOptions;
import io.seqscore.trainer.data.NormalizationMode;
import io.seqscore.trainer.data.WindowPlacement;
import io.seqscore.trainer.data.WindowShape;
import io.seqscore.trainer.release.ReleaseBuilder;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.release.TrainerVersion;
import io.seqscore.trainer.source.History;
import io.seqscore.trainer.source.RawSeries;
import io.seqscore.trainer.train.EsHybridFit;
import io.seqscore.trainer.train.JobSettings;
import io.seqscore.trainer.train.OptimizerKind;
import io.seqscore.trainer.train.Recipes;
import io.seqscore.trainer.train.Sampling;
import io.seqscore.trainer.train.ScheduleKind;
import io.seqscore.trainer.train.TrainConfig;
import io.seqscore.trainer.train.TrainingJob;
import io.seqscore.trainer.train.TrainingProgress;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Trains ONE forecaster over every series with the trainer's code: each series is a key with its own z-score
 * normalizer (PER_KEY), one event per hour from {@link #EPOCH_MILLIS}, the same one-layer LSTM for every key.
 * <ul>
 * <li>{@link Features#OFFSETS} (default): SEASONAL_OFFSETS features ({@code TrainingJob}, in sample): the LSTM reads
 * the 4 SeasonalChanges inputs (period {@link #DAY_MILLIS}, spacing fitted = 1 h, tolerance
 * {@link #TOLERANCE_MILLIS}, clip {@link #CLIP}) and its head forecasts z_{t+1+s} − z_{A_s}, A_s the same hour in
 * the latest day seen; the released head is scaled by {@link Settings#combine()} (default ½: the equal-weight
 * combination of the network's forecast and seasonal naive). Windows of {@link #BURN_IN} events that only build state, then max({@link #OFFSET_STEPS}, H + 1) trained ones,
 * every {@link #STRIDE} events, aligned to each series' end; every row is trained on and the last epoch kept.
 * The scorer keeps {@link #HISTORY} events per key: the inputs look back 25 events and the anchors 24 (one
 * period), so 96 (four days) holds them with room for the M4 task's 48-step horizon twice over.</li>
 * <li>{@link Features#ES_HYBRID}: ES_HYBRID features, a two-stage fit ({@code TrainingJob}, in sample): the
 * smoothing's α, γ₁, γ₂ chosen by {@link EsHybridFit} on the training series (periods {@link #SEASON} and
 * {@link #WEEK} events), then the LSTM, reading the last {@link #ES_WINDOW} values normalized by the level and
 * de-seasonalized, trained to correct the smoothing's H-step forecast; released head scaled by
 * {@link Settings#combine()}. Windows as OFFSETS with a burn-in of {@link #ES_BURN_IN}.</li>
 * <li>{@link Features#VALUES}: as {@code seqscore-trainer train} does: the LSTM reads z_t and its head forecasts
 * z_{t+1..t+H}; windows of {@link #WINDOW} events every {@link #STRIDE}; the last {@link #VALIDATION_FRACTION} of
 * each series picks the best epoch.</li>
 * </ul>
 * With {@link Settings#ensemble()} K > 1, every kind trains K networks (seeds seed … seed+K−1) and releases them
 * fused as one whose forecast is their mean ({@code EnsembleTraining}); the calibration and the gate are the fused
 * network's. Both: batches of {@link #BATCH}, Adam with cosine decay to 2 % of the rate, global-norm clipping at 1, MSE; the
 * in-sample residuals calibrate the anomaly score.
 */
final class M4Model {
    static final long EPOCH_MILLIS = 1_577_836_800_000L;
    static final long HOUR_MILLIS = 3_600_000L;
    static final int SEASON = 24;
    static final int WINDOW = 160;
    static final int BURN_IN = 96;
    static final int STRIDE = 12;
    static final int BATCH = 32;
    static final double LEARNING_RATE = 0.005;
    static final double MIN_LEARNING_RATE = 0.0001;
    static final double CLIP_NORM = 1.0;
    static final double VALIDATION_FRACTION = 0.05;
    static final String NAME = "m4";
    static final long DAY_MILLIS = 24 * HOUR_MILLIS;
    static final long TOLERANCE_MILLIS = HOUR_MILLIS / 2;
    static final int HISTORY = 96;
    static final float CLIP = 5f;
    /** Trained steps per SEASONAL_OFFSETS window after the burn-in (the window also needs one more than H). */
    static final int OFFSET_STEPS = 48;
    /** ES_HYBRID's second season (a week of hours) and its input window. */
    static final int WEEK = 168;
    static final int ES_WINDOW = 24;
    /** ES_HYBRID's burn-in: the smoothing has normalized the inputs, so the LSTM needs a shorter one than OFFSETS. */
    static final int ES_BURN_IN = 48;

    /** What the network reads and forecasts. */
    enum Features {
        OFFSETS, VALUES, ES_HYBRID
    }

    /** The default weight of the network's correction: the equal-weight combination with seasonal naive. */
    static final float DEFAULT_COMBINE = 0.5f;

    /**
     * Size and length of the training run.
     *
     * @param combine  OFFSETS only: forecast = seasonal naive + combine × the network's offset (1: the network alone)
     * @param head     the regression head, or (OFFSETS, ES_HYBRID) a quantile head whose bounds are the served interval
     * @param ensemble K networks (seeds seed … seed+K−1) released fused as one that forecasts their mean
     */
    record Settings(int horizon, int hidden, int epochs, long seed, int threads, Features features, float combine,
                    HeadSpec head, int ensemble) {
        Settings(int horizon, int hidden, int epochs, long seed, int threads) {
            this(horizon, hidden, epochs, seed, threads, Features.OFFSETS, DEFAULT_COMBINE);
        }

        Settings(int horizon, int hidden, int epochs, long seed, int threads, Features features) {
            this(horizon, hidden, epochs, seed, threads, features, DEFAULT_COMBINE);
        }

        Settings(int horizon, int hidden, int epochs, long seed, int threads, Features features, float combine) {
            this(horizon, hidden, epochs, seed, threads, features, combine, HeadSpec.REGRESSION, 1);
        }

        Settings {
            if (horizon < 1 || hidden < 1 || epochs < 1 || threads < 1 || ensemble < 1) {
                throw new IllegalArgumentException("horizon, hidden units, epochs, threads and ensemble must be >= 1");
            }
            if (!(combine >= 0f && combine <= 1f)) {
                throw new IllegalArgumentException("combine must be in [0, 1], was " + combine);
            }
        }
    }

    private M4Model() {
    }

    /** The time of value i of every series (epoch ms). */
    static long time(int i) {
        return EPOCH_MILLIS + i * HOUR_MILLIS;
    }

    static History history(List<M4Series> series) {
        History h = new History();
        double[] one = new double[1];
        for (M4Series s : series) {
            double[] v = s.values();
            for (int i = 0; i < v.length; i++) {
                one[0] = v[i];
                h.add(s.id(), time(i), one);
            }
        }
        return h;
    }

    static ModelRelease train(List<M4Series> series, Settings settings, String source, TrainingProgress progress) {
        return switch (settings.features()) {
            case OFFSETS -> trainOffsets(series, settings, source, progress);
            case VALUES -> trainValues(series, settings, source, progress);
            case ES_HYBRID -> trainEsHybrid(series, settings, source, progress);
        };
    }

    static List<RawSeries> rawSeries(List<M4Series> series) {
        List<RawSeries> keys = new ArrayList<>(series.size());
        for (M4Series s : series) {
            long[] times = new long[s.length()];
            for (int i = 0; i < times.length; i++) {
                times[i] = time(i);
            }
            keys.add(new RawSeries(s.id(), 1, times, s.values().clone()));
        }
        return keys;
    }

    private static ModelRelease trainOffsets(List<M4Series> series, Settings settings, String source,
                                             TrainingProgress progress) {
        JobSettings config = JobSettings.builder(trainConfig(settings), calibration())
                .features(Recipes.seasonal(SeasonalOffsetsFeatures.KIND, DAY_MILLIS, TOLERANCE_MILLIS, HISTORY, CLIP))
                .placement(WindowPlacement.BACKWARD)
                .normalization(NormalizationMode.PER_KEY)
                .headWeight(settings.combine())
                .head(settings.head())
                .ensemble(settings.ensemble())
                .build();
        TrainingJob.Result r = TrainingJob.run(rawSeries(series), config, progress);
        ReleaseOptions options = new ReleaseOptions(NAME, 1, EPOCH_MILLIS, Rollout.FULL, source, settings.seed(),
                TrainerVersion.get(), hyperParameters(settings));
        return ReleaseBuilder.build(r.model(), r.data(), options, r.features(), r.head());
    }

    private static ModelRelease trainEsHybrid(List<M4Series> series, Settings settings, String source,
                                              TrainingProgress progress) {
        EsHybridRun run = fitEsHybrid(rawSeries(series), settings, progress);
        TrainingJob.Result r = run.result();
        FeatureParameters smoothing = run.smoothing();
        SortedMap<String, String> hyper = hyperParameters(settings);
        smoothing.named().forEach((k, v) -> hyper.put("es-" + k, Double.toString(v)));
        ReleaseOptions options = new ReleaseOptions(NAME, 1, EPOCH_MILLIS, Rollout.FULL, source, settings.seed(),
                TrainerVersion.get(), hyper);
        return ReleaseBuilder.build(r.model(), r.data(), options, r.features(), r.head());
    }

    /** A trained ES_HYBRID model and the smoothing it corrects. */
    record EsHybridRun(TrainingJob.Result result, FeatureParameters smoothing) {
    }

    /** Stage 1 (the smoothing, {@link EsHybridFit}) and stage 2 (the network) of the ES_HYBRID fit. */
    static EsHybridRun fitEsHybrid(List<RawSeries> keys, Settings settings, TrainingProgress progress) {
        FeatureParameters smoothing = EsHybridFit.fit(keys, SEASON, WEEK, ES_WINDOW, CLIP, settings.horizon()).parameters();
        JobSettings config = JobSettings.builder(trainConfig(settings), calibration())
                .features(smoothing)
                .placement(WindowPlacement.BACKWARD)
                .normalization(NormalizationMode.PER_KEY)
                .headWeight(settings.combine())
                .head(settings.head())
                .ensemble(settings.ensemble())
                .build();
        return new EsHybridRun(TrainingJob.run(keys, config, progress), smoothing);
    }

    private static CalibrationOptions calibration() {
        return new CalibrationOptions(0.01, 0.95, ScaleEstimator.MAD, ScoreStatistic.MAX_ABS, 0, BURN_IN);
    }

    private static ModelRelease trainValues(List<M4Series> series, Settings settings, String source,
                                            TrainingProgress progress) {
        Dataset data = DatasetBuilder.build(history(series),
                new DatasetOptions(VALIDATION_FRACTION, null, 0, NormalizationMode.PER_KEY));
        TrainingJob.Result r = TrainingJob.run(data, JobSettings.builder(trainConfig(settings), calibration())
                .season(SEASON).ensemble(settings.ensemble()).build(), progress);
        ReleaseOptions options = new ReleaseOptions(NAME, 1, EPOCH_MILLIS, Rollout.FULL, source, settings.seed(),
                TrainerVersion.get(), hyperParameters(settings));
        return ReleaseBuilder.build(r.model(), r.data(), options, r.features());
    }

    static TrainConfig trainConfig(Settings s) {
        int shards = Math.max(2, s.threads());
        return TrainConfig.builder().cell(CellType.LSTM).layers(1).hidden(s.hidden()).horizon(s.horizon()).window(window(s))
                .batchSize(BATCH).epochs(s.epochs()).optimizer(OptimizerKind.ADAM).learningRate(LEARNING_RATE)
                .momentum(0.9).weightDecay(0.0).schedule(ScheduleKind.COSINE).minLearningRate(MIN_LEARNING_RATE)
                .learningRateWarmup(0).stepEpochs(10).gamma(0.5).clipNorm(CLIP_NORM).patience(0).minDelta(0.0)
                .seed(s.seed())
                .sampling(s.features() != Features.VALUES ? Sampling.SHUFFLED_PADDED : Sampling.PERMUTED)
                .shuffleSeed(s.seed()).shards(shards).threads(Math.min(s.threads(), shards)).build();
    }

    static WindowShape window(Settings s) {
        if (s.features() == Features.ES_HYBRID) {
            return new WindowShape(ES_BURN_IN + Math.max(OFFSET_STEPS, s.horizon() + 1), ES_BURN_IN, STRIDE, s.horizon());
        }
        return s.features() != Features.VALUES
                ? new WindowShape(BURN_IN + Math.max(OFFSET_STEPS, s.horizon() + 1), BURN_IN, STRIDE, s.horizon())
                : new WindowShape(Math.max(WINDOW, BURN_IN + s.horizon() + 1), BURN_IN, STRIDE, s.horizon());
    }

    private static SortedMap<String, String> hyperParameters(Settings s) {
        TrainConfig c = trainConfig(s);
        SortedMap<String, String> p = new TreeMap<>();
        p.put("cell", "lstm");
        p.put("layers", "1");
        p.put("hidden", Integer.toString(s.hidden()));
        p.put("horizon", Integer.toString(s.horizon()));
        p.put("window", Integer.toString(c.window().length()));
        p.put("burn-in", Integer.toString(c.window().burnIn()));
        p.put("stride", Integer.toString(STRIDE));
        p.put("batch", Integer.toString(BATCH));
        p.put("epochs", Integer.toString(s.epochs()));
        p.put("optimizer", "adam");
        p.put("learning-rate", Double.toString(LEARNING_RATE));
        p.put("min-learning-rate", Double.toString(MIN_LEARNING_RATE));
        p.put("lr-schedule", "cosine");
        p.put("clip-norm", Double.toString(CLIP_NORM));
        p.put("seed", Long.toString(s.seed()));
        if (s.ensemble() > 1) {
            p.put("ensemble", Integer.toString(s.ensemble()));
        }
        p.put("shards", Integer.toString(c.shards()));
        p.put("loss", QuantileHead.is(s.head()) ? "mse+pinball" : "mse");
        if (QuantileHead.is(s.head())) {
            p.put("quantiles", QuantileHead.lower(s.head()) + "," + QuantileHead.upper(s.head()));
        }
        p.put("features", switch (s.features()) {
            case OFFSETS -> "seasonal-offsets";
            case VALUES -> "values";
            case ES_HYBRID -> "es-hybrid";
        });
        if (s.features() == Features.ES_HYBRID) {
            p.put("clip", Float.toString(CLIP));
            p.put("combine", Float.toString(s.combine()));
        } else if (s.features() == Features.OFFSETS) {
            p.put("history-size", Integer.toString(HISTORY));
            p.put("tolerance-ms", Long.toString(TOLERANCE_MILLIS));
            p.put("clip", Float.toString(CLIP));
            p.put("combine", Float.toString(s.combine()));
        } else {
            p.put("validation-fraction", Double.toString(VALIDATION_FRACTION));
        }
        p.put("normalization", "per-key");
        p.put("season", Integer.toString(SEASON));
        return p;
    }
}
