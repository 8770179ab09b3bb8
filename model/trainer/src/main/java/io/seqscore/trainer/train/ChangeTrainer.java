package io.seqscore.trainer.train;

import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.train.Adam;
import io.seqscore.model.core.train.Batch;
import io.seqscore.model.core.train.Loss;
import io.seqscore.model.core.train.Sharding;
import io.seqscore.model.core.train.TrainingStep;
import io.seqscore.model.core.train.WeightInit;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.data.WindowSource;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Minibatch training of a SEASONAL_CHANGES or SEASONAL_OFFSETS forecaster (input 4, head H × 1) on
 * {@link WindowSource} ({@code ChangeWindows}, {@code OffsetWindows}), MSE on
 * every step after the burn-in, every epoch run (no validation, no early stopping: the last weights are kept).
 * <pre>
 *   weights   WeightInit.initialize(spec, seed)
 *   order     the window ids, shuffled in place each epoch by Collections.shuffle with one java.util.Random(shuffleSeed)
 *   batches   of batchSize rows in that order; the last one is padded with windows from the start of the order
 *             at mask 0, so every batch has batchSize rows and the padding carries no loss and no gradient
 *   optimizer Adam(lr), the config's schedule per step, global-norm clip, one shard (or the given sharding)
 * </pre>
 * The same windows, config, seeds and sharding give the same weights bit for bit.
 */
public final class ChangeTrainer {
    private final TrainConfig config;
    private final long shuffleSeed;
    private final Sharding sharding;

    public ChangeTrainer(TrainConfig config, long shuffleSeed) {
        this(config, shuffleSeed, Sharding.serial());
    }

    /** @param sharding how each batch's rows are split over threads (the shard count fixes the sums' order) */
    public ChangeTrainer(TrainConfig config, long shuffleSeed, Sharding sharding) {
        if (config.optimizer() != OptimizerKind.ADAM) {
            throw new IllegalArgumentException("SEASONAL_CHANGES training uses Adam, not " + config.optimizer());
        }
        this.config = config;
        this.shuffleSeed = shuffleSeed;
        this.sharding = sharding;
    }

    /** The network trained: the config's cells on the 4 inputs, a head of H steps × 1 value. */
    public static NetworkSpec spec(TrainConfig c) {
        return NetworkSpec.uniform(c.cell(), SeasonalChanges.INPUTS, c.hidden(), c.layers(), c.horizon(), 1);
    }

    /**
     * With no window the initial weights are returned after no epoch ({@link TrainingResult#bestEpoch()} 0).
     *
     * @throws TrainerException when the loss stops being finite
     */
    public TrainingResult train(WindowSource windows, TrainingProgress progress) {
        if (windows.shape().horizon() != config.horizon()) {
            throw new IllegalArgumentException("windows of horizon " + windows.shape().horizon() + " for a head of "
                    + config.horizon());
        }
        NetworkSpec spec = spec(config);
        float[] params = WeightInit.initialize(spec, config.seed());
        int count = windows.count();
        List<EpochSummary> history = new ArrayList<>();
        if (count == 0) {
            return new TrainingResult(spec, params, 0, List.of(), 0, 0);
        }
        List<Integer> order = new ArrayList<>(count);
        for (int w = 0; w < count; w++) {
            order.add(w);
        }
        int size = config.batchSize();
        int batches = (count + size - 1) / size;
        int steps = windows.shape().length();
        Batch batch = Batch.of(spec, Loss.MSE, size, steps).burnIn(windows.shape().burnIn());
        Random shuffle = new Random(shuffleSeed);
        long windowsTrained = 0;
        try (TrainingStep step = new TrainingStep(spec, Loss.MSE, Adam.adam(spec.paramCount(), config.learningRate()),
                config.clipNorm() == 0 ? Double.POSITIVE_INFINITY : config.clipNorm(), sharding,
                LearningRates.of(config, batches))) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                Collections.shuffle(order, shuffle);
                double lossSum = 0;
                double lossCount = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * size;
                    for (int row = 0; row < size; row++) {
                        boolean real = from + row < count;
                        windows.fill(batch, row, order.get(real ? from + row : (from + row) % count), real);
                    }
                    double weight = batch.lossCount();
                    double loss = step.step(params, batch);
                    if (!Double.isFinite(loss)) {
                        throw new TrainerException("training diverged in epoch " + epoch + " (loss " + loss
                                + "): lower --learning-rate or set --clip-norm");
                    }
                    lossSum += loss * weight;
                    lossCount += weight;
                    windowsTrained += Math.min(size, count - from);
                    progress.batch(epoch, config.epochs(), b + 1, batches, loss, windowsTrained);
                }
                EpochSummary summary = new EpochSummary(epoch, config.epochs(), lossSum / lossCount, Double.NaN,
                        epoch == config.epochs(), windowsTrained, windowsTrained * steps);
                history.add(summary);
                progress.epoch(summary);
            }
        }
        return new TrainingResult(spec, params, config.epochs(), List.copyOf(history), windowsTrained,
                windowsTrained * steps);
    }
}
