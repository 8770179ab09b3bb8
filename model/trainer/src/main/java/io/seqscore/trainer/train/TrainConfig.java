package io.seqscore.trainer.train;

import io.seqscore.model.core.CellType;
import io.seqscore.trainer.data.WindowShape;

/**
 * Architecture and optimization settings of one training run.
 *
 * @param learningRateWarmup optimizer steps of linear warm-up from lr/warmup to lr (0 = none)
 * @param clipNorm           global-norm gradient clip, or 0 for none
 * @param patience           epochs without a validation-loss improvement of at least minDelta before
 *                           stopping (0 = run every epoch); the best epoch's weights are kept either way
 * @param shards             groups a batch is split into; the result depends on it, not on threads
 * @param threads            threads the shards run on (≤ shards)
 */
public record TrainConfig(CellType cell, int layers, int hidden, int horizon, WindowShape window, int batchSize,
                          int epochs, OptimizerKind optimizer, double learningRate, double momentum,
                          double weightDecay, ScheduleKind schedule, double minLearningRate, int learningRateWarmup,
                          int stepEpochs, double gamma, double clipNorm, int patience, double minDelta, long seed,
                          int shards, int threads) {
    public TrainConfig {
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
}
