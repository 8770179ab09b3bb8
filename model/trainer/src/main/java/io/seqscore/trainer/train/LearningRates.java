package io.seqscore.trainer.train;

import io.seqscore.model.core.train.LearningRateSchedule;

/**
 * The learning rate of optimizer step t (1-based) for a run of {@code total} steps, {@code perEpoch} a epoch:
 * <pre>
 *   warm-up  t ≤ W:  lr · t / W
 *   CONSTANT         lr
 *   COSINE           lrMin + (lr − lrMin) · ½ (1 + cos(π · (t − W) / (total − W)))
 *   STEP             lr · γ^⌊(t − 1) / (stepEpochs · perEpoch)⌋
 *   COSINE_FLOOR     max(lrMin, ½ lr (1 + cos(π · min(t − W, total − W) / (total − W))))
 * </pre>
 */
public final class LearningRates {
    private LearningRates() {
    }

    public static LearningRateSchedule of(TrainConfig c, long perEpoch) {
        long total = perEpoch * c.epochs();
        int warm = c.learningRateWarmup();
        double lr = c.learningRate();
        return t -> {
            if (t <= warm) {
                return lr * t / warm;
            }
            return switch (c.schedule()) {
                case CONSTANT -> lr;
                case COSINE -> {
                    double progress = total <= warm ? 1 : Math.min(1.0, (double) (t - warm) / (total - warm));
                    double rate = c.minLearningRate() + (lr - c.minLearningRate()) * 0.5 * (1 + Math.cos(Math.PI * progress));
                    yield Math.max(rate, Math.ulp(lr));
                }
                case STEP -> lr * Math.pow(c.gamma(), (double) ((t - 1) / (c.stepEpochs() * perEpoch)));
                case COSINE_FLOOR -> {
                    long span = Math.max(1, total - warm);
                    yield Math.max(c.minLearningRate(), 0.5 * lr * (1 + Math.cos(Math.PI * Math.min(t - warm, span) / span)));
                }
            };
        };
    }
}
