package io.seqscore.trainer.train;

import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.train.Adam;
import io.seqscore.model.core.train.Batch;
import io.seqscore.model.core.train.Loss;
import io.seqscore.model.core.train.Optimizer;
import io.seqscore.model.core.train.Sgd;
import io.seqscore.model.core.train.Sharding;
import io.seqscore.model.core.train.TrainingStep;
import io.seqscore.model.core.train.WeightInit;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.data.SeriesWindows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Minibatch training of any feature kind's windows ({@link SeriesWindows}) with the config's loss on every
 * window step after the burn-in.
 * <pre>
 *   weights, order   see {@link Sampling}
 *   optimizer        the config's, its schedule per step, global-norm clip, the config's shards and threads
 *   epochs           with a validation loss: after each epoch; the best epoch's weights are kept and training
 *                    stops after {@code patience} epochs without an improvement of {@code minDelta};
 *                    without one: every epoch, the last weights kept
 * </pre>
 * Reproducible: {@link TrainingStep} sums shard gradients in shard order, so the same windows, settings and
 * seeds give bit-identical weights for any number of threads.
 */
public final class Trainer {
    private final TrainConfig config;

    public Trainer(TrainConfig config) {
        this.config = config;
    }

    /** The network trained: the config's cells on {@code inputs} values, a head of H steps × {@code outputDim}. */
    public static NetworkSpec spec(TrainConfig c, int inputs, int outputDim) {
        return NetworkSpec.uniform(c.cell(), inputs, c.hidden(), c.layers(), c.horizon(), outputDim);
    }

    /**
     * @param validationLoss the validation loss of a set of weights, called after every epoch; null: none (then,
     *                       with no window, the initial weights are returned after no epoch)
     * @throws TrainerException when there is no window to validate or the loss stops being finite
     */
    public TrainingResult train(SeriesWindows windows, NetworkSpec spec, ToDoubleFunction<float[]> validationLoss,
                                TrainingProgress progress) {
        if (windows.shape().horizon() != config.horizon()) {
            throw new IllegalArgumentException("windows of horizon " + windows.shape().horizon() + " for a head of "
                    + config.horizon());
        }
        int count = windows.count();
        if (count == 0 && validationLoss != null) {
            throw new TrainerException("no training window: every training segment is shorter than the window of "
                    + config.window().length() + " events (shorten --window or lengthen the history)");
        }
        boolean padded = config.sampling() == Sampling.SHUFFLED_PADDED;
        SplittableRandom root = new SplittableRandom(config.seed());
        float[] params = WeightInit.initialize(spec, padded ? config.seed() : root.split().nextLong());
        if (count == 0) {
            return new TrainingResult(spec, params, 0, List.of(), 0, 0);
        }
        SplittableRandom permutation = padded ? null : root.split();
        Random shuffle = padded ? new Random(config.shuffleSeed()) : null;
        int size = padded ? config.batchSize() : Math.min(config.batchSize(), count);
        int batches = (count + size - 1) / size;
        int steps = windows.shape().length();
        int burnIn = windows.shape().burnIn();
        Loss loss = config.loss();
        Batch full = Batch.of(spec, loss, size, steps).burnIn(burnIn);
        Batch tail = padded || count % size == 0 ? null : Batch.of(spec, loss, count % size, steps).burnIn(burnIn);
        int[] order = new int[count];
        List<Integer> shuffled = padded ? new ArrayList<>(count) : null;
        for (int i = 0; i < count; i++) {
            order[i] = i;
            if (padded) {
                shuffled.add(i);
            }
        }
        List<EpochSummary> history = new ArrayList<>();
        float[] best = params.clone();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int since = 0;
        long windowsTrained = 0;
        try (TrainingStep step = new TrainingStep(spec, loss, optimizer(spec.paramCount()),
                config.clipNorm() == 0 ? Double.POSITIVE_INFINITY : config.clipNorm(),
                new Sharding(config.shards(), config.threads()), LearningRates.of(config, batches))) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                if (padded) {
                    Collections.shuffle(shuffled, shuffle);
                    for (int i = 0; i < count; i++) {
                        order[i] = shuffled.get(i);
                    }
                } else {
                    permute(order, permutation);
                }
                double lossSum = 0;
                double lossCount = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * size;
                    Batch batch = count - from >= size || padded ? full : tail;
                    for (int row = 0; row < batch.size(); row++) {
                        boolean real = from + row < count;
                        windows.fill(batch, row, order[real ? from + row : (from + row) % count], real);
                    }
                    double weight = batch.lossCount();
                    double value = step.step(params, batch);
                    if (!Double.isFinite(value)) {
                        throw new TrainerException("training diverged in epoch " + epoch + " (loss " + value
                                + "): lower --learning-rate or set --clip-norm");
                    }
                    lossSum += value * weight;
                    lossCount += weight;
                    windowsTrained += Math.min(size, count - from);
                    progress.batch(epoch, config.epochs(), b + 1, batches, value, windowsTrained);
                }
                EpochSummary summary;
                if (validationLoss == null) {
                    summary = new EpochSummary(epoch, config.epochs(), lossSum / lossCount, Double.NaN,
                            epoch == config.epochs(), windowsTrained, windowsTrained * steps);
                    bestEpoch = epoch;
                } else {
                    double validation = validationLoss.applyAsDouble(params);
                    boolean improved = validation < bestLoss - config.minDelta() || bestEpoch == 0;
                    if (improved) {
                        bestLoss = validation;
                        bestEpoch = epoch;
                        System.arraycopy(params, 0, best, 0, params.length);
                        since = 0;
                    } else {
                        since++;
                    }
                    summary = new EpochSummary(epoch, config.epochs(), lossSum / lossCount, validation, improved,
                            windowsTrained, windowsTrained * steps);
                }
                history.add(summary);
                progress.epoch(summary);
                if (validationLoss != null && config.patience() > 0 && since >= config.patience()) {
                    break;
                }
            }
        }
        return new TrainingResult(spec, validationLoss == null ? params : best, bestEpoch, List.copyOf(history),
                windowsTrained, windowsTrained * steps);
    }

    private Optimizer optimizer(int paramCount) {
        return switch (config.optimizer()) {
            case ADAM -> Adam.adam(paramCount, config.learningRate());
            case ADAMW -> Adam.adamW(paramCount, config.learningRate(), config.weightDecay());
            case SGD -> new Sgd(paramCount, config.learningRate(), config.momentum());
        };
    }

    private static void permute(int[] order, SplittableRandom random) {
        for (int i = order.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }
}
