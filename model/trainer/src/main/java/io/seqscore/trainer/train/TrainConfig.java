package io.seqscore.trainer.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.train.Loss;
import io.seqscore.trainer.data.WindowShape;

/**
 * Architecture and optimization settings of one training run, built by name with {@link #builder()}
 * (every setting has the default of {@code seqscore-trainer train}; {@link #toBuilder()} changes a few).
 *
 * <ul>
 * <li>network: {@code cell}, {@code layers}, {@code hidden} units, {@code horizon} H (steps the head forecasts)</li>
 * <li>windows: {@code window} (length, burn-in, stride; its horizon must be H), {@code batchSize}, {@code epochs}</li>
 * <li>optimizer: {@code optimizer}, {@code learningRate}, {@code momentum} (SGD), {@code weightDecay} (AdamW),
 *     {@code schedule} with {@code minLearningRate}, {@code learningRateWarmup} (optimizer steps of linear warm-up
 *     from lr/warmup, 0 = none), {@code stepEpochs} and {@code gamma} (step schedule), {@code clipNorm} (global-norm
 *     gradient clip, 0 = none)</li>
 * <li>early stopping (with a validation part): {@code patience} epochs without a validation-loss improvement of at
 *     least {@code minDelta} (0 = run every epoch); the best epoch's weights are kept</li>
 * <li>reproducibility: {@code seed}, {@code sampling} and its {@code shuffleSeed} (see {@link Sampling}),
 *     {@code shards} (groups a batch is split into; the result depends on it) and {@code threads} (≤ shards; it
 *     does not)</li>
 * <li>{@code loss}: the head's loss ({@link Loss}; MSE by default)</li>
 * </ul>
 */
public final class TrainConfig {
    private final CellType cell;
    private final int layers;
    private final int hidden;
    private final int horizon;
    private final WindowShape window;
    private final int batchSize;
    private final int epochs;
    private final OptimizerKind optimizer;
    private final double learningRate;
    private final double momentum;
    private final double weightDecay;
    private final ScheduleKind schedule;
    private final double minLearningRate;
    private final int learningRateWarmup;
    private final int stepEpochs;
    private final double gamma;
    private final double clipNorm;
    private final int patience;
    private final double minDelta;
    private final long seed;
    private final Sampling sampling;
    private final long shuffleSeed;
    private final int shards;
    private final int threads;
    private final Loss loss;

    private TrainConfig(Builder b) {
        this.cell = b.cell;
        this.layers = b.layers;
        this.hidden = b.hidden;
        this.horizon = b.horizon;
        this.window = b.window != null ? b.window : new WindowShape(64, 16, 48, b.horizon);
        this.batchSize = b.batchSize;
        this.epochs = b.epochs;
        this.optimizer = b.optimizer;
        this.learningRate = b.learningRate;
        this.momentum = b.momentum;
        this.weightDecay = b.weightDecay;
        this.schedule = b.schedule;
        this.minLearningRate = b.minLearningRate;
        this.learningRateWarmup = b.learningRateWarmup;
        this.stepEpochs = b.stepEpochs;
        this.gamma = b.gamma;
        this.clipNorm = b.clipNorm;
        this.patience = b.patience;
        this.minDelta = b.minDelta;
        this.seed = b.seed;
        this.sampling = b.sampling;
        this.shuffleSeed = b.shuffleSeed;
        this.shards = b.shards;
        this.threads = b.threads;
        this.loss = b.loss;
        if (cell == null || optimizer == null || schedule == null || sampling == null || loss == null) {
            throw new IllegalArgumentException("cell, optimizer, schedule, sampling and loss must be set");
        }
        if (layers < 1 || hidden < 1 || horizon < 1 || batchSize < 1 || epochs < 1) {
            throw new IllegalArgumentException("layers, hidden size, horizon, batch size and epochs must be >= 1");
        }
        if (window.horizon() != horizon) {
            throw new IllegalArgumentException("window horizon " + window.horizon() + " != horizon " + horizon);
        }
        if (!(learningRate > 0) || !(minLearningRate >= 0) || minLearningRate > learningRate) {
            throw new IllegalArgumentException("need learning rate > 0 and 0 <= minimum learning rate <= it, got "
                    + learningRate + " and " + minLearningRate);
        }
        if (!(momentum >= 0 && momentum < 1) || !(weightDecay >= 0) || !(gamma > 0 && gamma <= 1)) {
            throw new IllegalArgumentException("need momentum in [0, 1), weight decay >= 0, gamma in (0, 1]");
        }
        if (learningRateWarmup < 0 || stepEpochs < 1 || !(clipNorm >= 0) || patience < 0 || !(minDelta >= 0)) {
            throw new IllegalArgumentException("need warm-up >= 0, step epochs >= 1, clip norm >= 0, patience >= 0,"
                    + " min delta >= 0");
        }
        if (shards < 1 || threads < 1 || threads > shards) {
            throw new IllegalArgumentException("need 1 <= threads <= shards, got threads=" + threads + " shards=" + shards);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder().cell(cell).layers(layers).hidden(hidden).horizon(horizon).window(window)
                .batchSize(batchSize).epochs(epochs).optimizer(optimizer).learningRate(learningRate).momentum(momentum)
                .weightDecay(weightDecay).schedule(schedule).minLearningRate(minLearningRate)
                .learningRateWarmup(learningRateWarmup).stepEpochs(stepEpochs).gamma(gamma).clipNorm(clipNorm)
                .patience(patience).minDelta(minDelta).seed(seed).sampling(sampling).shuffleSeed(shuffleSeed)
                .shards(shards).threads(threads).loss(loss);
    }

    public CellType cell() {
        return cell;
    }

    public int layers() {
        return layers;
    }

    public int hidden() {
        return hidden;
    }

    public int horizon() {
        return horizon;
    }

    public WindowShape window() {
        return window;
    }

    public int batchSize() {
        return batchSize;
    }

    public int epochs() {
        return epochs;
    }

    public OptimizerKind optimizer() {
        return optimizer;
    }

    public double learningRate() {
        return learningRate;
    }

    public double momentum() {
        return momentum;
    }

    public double weightDecay() {
        return weightDecay;
    }

    public ScheduleKind schedule() {
        return schedule;
    }

    public double minLearningRate() {
        return minLearningRate;
    }

    public int learningRateWarmup() {
        return learningRateWarmup;
    }

    public int stepEpochs() {
        return stepEpochs;
    }

    public double gamma() {
        return gamma;
    }

    public double clipNorm() {
        return clipNorm;
    }

    public int patience() {
        return patience;
    }

    public double minDelta() {
        return minDelta;
    }

    public long seed() {
        return seed;
    }

    public Sampling sampling() {
        return sampling;
    }

    public long shuffleSeed() {
        return shuffleSeed;
    }

    public int shards() {
        return shards;
    }

    public int threads() {
        return threads;
    }

    public Loss loss() {
        return loss;
    }

    /** Sets the settings by name; {@link #build()} validates them. Defaults: those of {@code seqscore-trainer train}. */
    public static final class Builder {
        private CellType cell = CellType.LSTM;
        private int layers = 1;
        private int hidden = 32;
        private int horizon = 1;
        private WindowShape window;
        private int batchSize = 32;
        private int epochs = 30;
        private OptimizerKind optimizer = OptimizerKind.ADAM;
        private double learningRate = 0.003;
        private double momentum = 0.9;
        private double weightDecay = 0.01;
        private ScheduleKind schedule = ScheduleKind.COSINE;
        private double minLearningRate;
        private int learningRateWarmup;
        private int stepEpochs = 10;
        private double gamma = 0.5;
        private double clipNorm = 1.0;
        private int patience = 5;
        private double minDelta;
        private long seed = 42;
        private Sampling sampling = Sampling.PERMUTED;
        private long shuffleSeed = Recipes.NAB_SHUFFLE_SEED;
        private int shards = 1;
        private int threads = 1;
        private Loss loss = Loss.MSE;

        private Builder() {
        }

        public Builder cell(CellType v) {
            cell = v;
            return this;
        }

        public Builder layers(int v) {
            layers = v;
            return this;
        }

        public Builder hidden(int v) {
            hidden = v;
            return this;
        }

        public Builder horizon(int v) {
            horizon = v;
            return this;
        }

        /** The window shape (its horizon must equal {@link #horizon}); default 64 events, burn-in 16, stride 48. */
        public Builder window(WindowShape v) {
            window = v;
            return this;
        }

        public Builder batchSize(int v) {
            batchSize = v;
            return this;
        }

        public Builder epochs(int v) {
            epochs = v;
            return this;
        }

        public Builder optimizer(OptimizerKind v) {
            optimizer = v;
            return this;
        }

        public Builder learningRate(double v) {
            learningRate = v;
            return this;
        }

        public Builder momentum(double v) {
            momentum = v;
            return this;
        }

        public Builder weightDecay(double v) {
            weightDecay = v;
            return this;
        }

        public Builder schedule(ScheduleKind v) {
            schedule = v;
            return this;
        }

        public Builder minLearningRate(double v) {
            minLearningRate = v;
            return this;
        }

        public Builder learningRateWarmup(int v) {
            learningRateWarmup = v;
            return this;
        }

        public Builder stepEpochs(int v) {
            stepEpochs = v;
            return this;
        }

        public Builder gamma(double v) {
            gamma = v;
            return this;
        }

        public Builder clipNorm(double v) {
            clipNorm = v;
            return this;
        }

        public Builder patience(int v) {
            patience = v;
            return this;
        }

        public Builder minDelta(double v) {
            minDelta = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder sampling(Sampling v) {
            sampling = v;
            return this;
        }

        public Builder shuffleSeed(long v) {
            shuffleSeed = v;
            return this;
        }

        public Builder shards(int v) {
            shards = v;
            return this;
        }

        public Builder threads(int v) {
            threads = v;
            return this;
        }

        public Builder loss(Loss v) {
            loss = v;
            return this;
        }

        public TrainConfig build() {
            return new TrainConfig(this);
        }
    }
}
