package io.seqscore.app.demo;

import io.seqscore.avro.ModelRelease;
import io.seqscore.model.core.CellType;
import io.seqscore.trainer.calibrate.CalibrationOptions;
import io.seqscore.trainer.calibrate.ScaleEstimator;
import io.seqscore.trainer.calibrate.ScoreStatistic;
import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.DatasetBuilder;
import io.seqscore.trainer.data.DatasetOptions;
import io.seqscore.trainer.data.NormalizationMode;
import io.seqscore.trainer.data.WindowShape;
import io.seqscore.schemas.QualityGateMetrics;
import io.seqscore.trainer.release.QualityGate;
import io.seqscore.trainer.release.ReleaseBuilder;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.release.TrainerVersion;
import io.seqscore.trainer.source.History;
import io.seqscore.trainer.train.JobSettings;
import io.seqscore.trainer.train.OptimizerKind;
import io.seqscore.trainer.train.ScheduleKind;
import io.seqscore.trainer.train.TrainConfig;
import io.seqscore.trainer.train.TrainingJob;
import io.seqscore.trainer.train.TrainingProgress;

import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Trains the demo's models with the trainer's code path ({@link DatasetBuilder} → {@link TrainingJob} →
 * {@link ReleaseBuilder}, as {@code seqscore-trainer train} does): a one-layer LSTM forecasting one step,
 * per-key normalization, the last 20 % of each key's history for validation and calibration (anomaly
 * threshold at a 1 % flag rate, 95 % intervals). Small on purpose: a model trains in seconds on two cores. A
 * release must pass the trainer's quality gate: {@link #trainUntilPassing} retries with more epochs.
 */
final class DemoTrainer {
    static final int WINDOW = 48;
    static final int BURN_IN = 12;
    static final int STRIDE = 24;
    static final int BATCH = 32;
    static final double LEARNING_RATE = 0.01;
    static final double VALIDATION_FRACTION = 0.2;
    static final double TARGET_FPR = 0.01;
    static final double INTERVAL_COVERAGE = 0.95;
    /** Training runs per release until one passes the quality gate. */
    static final int MAX_ATTEMPTS = 3;
    /** Each retry's epochs over the previous run's. */
    static final int EPOCH_GROWTH = 4;

    /** Size and length of one training run. */
    record ModelSize(int hidden, int epochs, long seed) {
        ModelSize {
            if (hidden < 1 || epochs < 1) {
                throw new IllegalArgumentException("hidden units and epochs must be >= 1");
            }
        }
    }

    private final String modelName;
    private final String source;
    private final int threads;

    DemoTrainer(String modelName, String source) {
        this.modelName = modelName;
        this.source = source;
        this.threads = Math.min(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * A release the demo trained and what its quality gate found.
     *
     * @param attempts training runs it took (1 … {@link #MAX_ATTEMPTS})
     * @param size     the size of the run that gave the release
     */
    record Gated(ModelRelease release, QualityGateMetrics.Gate gate, int attempts, ModelSize size) {
        boolean passed() {
            return !gate.refuses();
        }
    }

    /**
     * Trains until the release passes its quality gate (the model no worse than the better naive forecast on the
     * validation part), at most {@link #MAX_ATTEMPTS} runs: each retry trains from scratch with
     * {@link #EPOCH_GROWTH} times the epochs and the next seed. When no run passes, the run whose model is closest to
     * the better naive forecast (lowest ratio of the errors) is returned, for the caller to say so.
     *
     * @param retrying told, before each retry, the attempt that failed and what the next one changes
     */
    Gated trainUntilPassing(History history, ModelSize size, long version, Rollout rollout, long createdAt,
                            TrainingProgress progress, Consumer<String> retrying) {
        Gated best = null;
        ModelSize attempt = size;
        for (int n = 1; n <= MAX_ATTEMPTS; n++) {
            ModelRelease release = train(history, attempt, version, rollout, createdAt, progress);
            QualityGateMetrics.Gate gate = QualityGate.of(release)
                    .orElseThrow(() -> new IllegalStateException("the trainer recorded no quality gate"));
            Gated gated = new Gated(release, gate, n, attempt);
            if (gated.passed()) {
                return gated;
            }
            if (best == null || ratio(gate) < ratio(best.gate())) {
                best = new Gated(release, gate, n, attempt);
            }
            if (n < MAX_ATTEMPTS) {
                ModelSize next = new ModelSize(attempt.hidden(), attempt.epochs() * EPOCH_GROWTH, attempt.seed() + 1);
                retrying.accept(String.format(Locale.ROOT, "Model v%d (attempt %d of %d, %d epochs) is worse than the"
                                + " better naive forecast on the validation part (MAE %.4f vs %.4f): training again with"
                                + " %d epochs and seed %d", version, n, MAX_ATTEMPTS, attempt.epochs(), gate.modelMae(),
                        gate.betterNaiveMae(), next.epochs(), next.seed()));
                attempt = next;
            }
        }
        return new Gated(best.release(), best.gate(), MAX_ATTEMPTS, best.size());
    }

    private static double ratio(QualityGateMetrics.Gate g) {
        double r = g.modelMae() / g.betterNaiveMae();
        return Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
    }

    /** Trains on {@code history} and builds release {@code version} with the given rollout. */
    ModelRelease train(History history, ModelSize size, long version, Rollout rollout, long createdAt,
                       TrainingProgress progress) {
        Dataset data = DatasetBuilder.build(history,
                new DatasetOptions(VALIDATION_FRACTION, null, 0, NormalizationMode.PER_KEY));
        TrainConfig train = trainConfig(size, threads);
        CalibrationOptions calibration = new CalibrationOptions(TARGET_FPR, INTERVAL_COVERAGE, ScaleEstimator.MAD,
                ScoreStatistic.MAX_ABS, 0, BURN_IN);
        TrainingJob.Result r = TrainingJob.run(data, JobSettings.builder(train, calibration).build(), progress);
        ReleaseOptions options = new ReleaseOptions(modelName, version, createdAt, rollout, source, size.seed(),
                TrainerVersion.get(), hyperParameters(size));
        return ReleaseBuilder.build(r.model(), r.data(), options, r.features());
    }

    static TrainConfig trainConfig(ModelSize size, int threads) {
        return TrainConfig.builder().cell(CellType.LSTM).layers(1).hidden(size.hidden()).horizon(1)
                .window(new WindowShape(WINDOW, BURN_IN, STRIDE, 1)).batchSize(BATCH).epochs(size.epochs())
                .optimizer(OptimizerKind.ADAM).learningRate(LEARNING_RATE).momentum(0.9).weightDecay(0.0)
                .schedule(ScheduleKind.COSINE).minLearningRate(0.0).learningRateWarmup(0).stepEpochs(10).gamma(0.5)
                .clipNorm(1.0).patience(0).minDelta(0.0).seed(size.seed()).shards(2).threads(threads).build();
    }

    private static SortedMap<String, String> hyperParameters(ModelSize size) {
        SortedMap<String, String> p = new TreeMap<>();
        p.put("cell", "lstm");
        p.put("layers", "1");
        p.put("hidden", Integer.toString(size.hidden()));
        p.put("horizon", "1");
        p.put("window", Integer.toString(WINDOW));
        p.put("burn-in", Integer.toString(BURN_IN));
        p.put("stride", Integer.toString(STRIDE));
        p.put("batch", Integer.toString(BATCH));
        p.put("epochs", Integer.toString(size.epochs()));
        p.put("optimizer", "adam");
        p.put("learning-rate", Double.toString(LEARNING_RATE));
        p.put("lr-schedule", "cosine");
        p.put("clip-norm", "1.0");
        p.put("seed", Long.toString(size.seed()));
        p.put("shards", "2");
        p.put("loss", "mse");
        p.put("validation-fraction", Double.toString(VALIDATION_FRACTION));
        p.put("normalization", "per-key");
        p.put("target-fpr", Double.toString(TARGET_FPR));
        p.put("interval-coverage", Double.toString(INTERVAL_COVERAGE));
        p.put("scale-estimator", "mad");
        p.put("statistic", "max-abs");
        p.put("warmup-steps", Integer.toString(BURN_IN));
        return p;
    }
}
