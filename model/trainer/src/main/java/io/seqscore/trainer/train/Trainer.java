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
import io.seqscore.trainer.data.TrainingWindows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * Minibatch training with MSE on the one-to-H-step forecasts of every window step after the burn-in.
 *
 * <p>Reproducible: the seed's {@link SplittableRandom} is split once for the initial weights and once for
 * the shuffling (a Fisher-Yates permutation of the windows per epoch, from one continuing stream), and
 * {@link TrainingStep} sums shard gradients in shard order; so the same data, settings and seed give
 * bit-identical weights for any number of threads.
 */
public final class Trainer {
    private final TrainConfig config;

    public Trainer(TrainConfig config) {
        this.config = config;
    }

    public static NetworkSpec spec(TrainConfig c, int inputSize) {
        return NetworkSpec.uniform(c.cell(), inputSize, c.hidden(), c.layers(), c.horizon(), inputSize);
    }

    /**
     * @param validationLoss the validation loss of a set of weights, called after every epoch
     * @throws TrainerException when there is no window or the loss stops being finite
     */
    public TrainingResult train(TrainingWindows windows, ToDoubleFunction<float[]> validationLoss,
                                TrainingProgress progress) {
        int count = windows.count();
        if (count == 0) {
            throw new TrainerException("no training window: every training segment is shorter than the window of "
                    + config.window().length() + " events (shorten --window or lengthen the history)");
        }
        NetworkSpec spec = spec(config, windows.dimension());
        SplittableRandom root = new SplittableRandom(config.seed());
        float[] params = WeightInit.initialize(spec, root.split().nextLong());
        SplittableRandom shuffle = root.split();
        int size = Math.min(config.batchSize(), count);
        int batches = (count + size - 1) / size;
        int steps = config.window().length();
        Batch full = Batch.of(spec, Loss.MSE, size, steps).burnIn(config.window().burnIn());
        Batch tail = count % size == 0 ? null : Batch.of(spec, Loss.MSE, count % size, steps).burnIn(config.window().burnIn());
        int[] order = new int[count];
        for (int i = 0; i < count; i++) {
            order[i] = i;
        }
        List<EpochSummary> history = new ArrayList<>();
        float[] best = params.clone();
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        int since = 0;
        long windowsTrained = 0;
        try (TrainingStep step = new TrainingStep(spec, Loss.MSE, optimizer(spec.paramCount()),
                config.clipNorm() == 0 ? Double.POSITIVE_INFINITY : config.clipNorm(),
                new Sharding(config.shards(), config.threads()), LearningRates.of(config, batches))) {
            for (int epoch = 1; epoch <= config.epochs(); epoch++) {
                permute(order, shuffle);
                double lossSum = 0;
                double lossCount = 0;
                for (int b = 0; b < batches; b++) {
                    int from = b * size;
                    Batch batch = count - from >= size ? full : tail;
                    for (int row = 0; row < batch.size(); row++) {
                        int w = order[from + row];
                        batch.setForecastWindow(row, windows.segment(w), windows.start(w));
                    }
                    double weight = batch.lossCount();
                    double loss = step.step(params, batch);
                    if (!Double.isFinite(loss)) {
                        throw new TrainerException("training diverged in epoch " + epoch + " (loss " + loss
                                + "): lower --learning-rate or set --clip-norm");
                    }
                    lossSum += loss * weight;
                    lossCount += weight;
                    windowsTrained += batch.size();
                    progress.batch(epoch, config.epochs(), b + 1, batches, loss, windowsTrained);
                }
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
                EpochSummary summary = new EpochSummary(epoch, config.epochs(), lossSum / lossCount, validation, improved,
                        windowsTrained, windowsTrained * steps);
                history.add(summary);
                progress.epoch(summary);
                if (config.patience() > 0 && since >= config.patience()) {
                    break;
                }
            }
        }
        return new TrainingResult(spec, best, bestEpoch, List.copyOf(history), windowsTrained, windowsTrained * steps);
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
