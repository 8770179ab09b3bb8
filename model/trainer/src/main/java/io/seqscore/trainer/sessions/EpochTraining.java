package io.seqscore.trainer.sessions;

import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.train.Adam;
import io.seqscore.model.core.train.Batch;
import io.seqscore.model.core.train.Loss;
import io.seqscore.model.core.train.Sharding;
import io.seqscore.model.core.train.TrainingStep;
import io.seqscore.trainer.TrainerException;

import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.IntConsumer;

/**
 * The epochs of a sessions configuration: each shuffles the batches by {@code order} and takes one Adam step
 * (the configuration's learning rate and clip norm, serial) per batch; a loss that is not finite stops the
 * training with a {@link TrainerException} naming the epoch.
 */
public final class EpochTraining {
    private EpochTraining() {
    }

    /**
     * Trains {@code params} in place.
     *
     * @param batches   shuffled in place
     * @param epochDone called with each finished epoch's number
     * @return the last epoch's loss per loss count (NaN with no epoch)
     */
    public static double train(NetworkSpec spec, Loss loss, float[] params, List<Batch> batches, Random order,
                               SessionTrainConfig c, IntConsumer epochDone) {
        double lastLoss = Double.NaN;
        try (TrainingStep step = new TrainingStep(spec, loss, Adam.adam(spec.paramCount(), c.learningRate()),
                c.clipNorm(), Sharding.serial(), null)) {
            for (int epoch = 1; epoch <= c.epochs(); epoch++) {
                Collections.shuffle(batches, order);
                double total = 0;
                double count = 0;
                for (Batch b : batches) {
                    double l = step.step(params, b);
                    if (!Double.isFinite(l)) {
                        throw new TrainerException("training diverged in epoch " + epoch + " (loss " + l
                                + "): lower --learning-rate");
                    }
                    total += l * b.lossCount();
                    count += b.lossCount();
                }
                lastLoss = total / count;
                epochDone.accept(epoch);
            }
        }
        return lastLoss;
    }
}
