package io.seqscore.trainer.data;

/**
 * Training windows: {@code length} steps, of which the first {@code burnIn} only build state (no loss,
 * no gradient), started every {@code stride} steps. Each trained step t predicts the next {@code horizon}
 * values, so a window needs more than burnIn + horizon steps to train on at least one.
 */
public record WindowShape(int length, int burnIn, int stride, int horizon) {
    public WindowShape {
        if (burnIn < 0) {
            throw new IllegalArgumentException("burn-in must be >= 0, got " + burnIn);
        }
        if (horizon < 1) {
            throw new IllegalArgumentException("horizon must be >= 1, got " + horizon);
        }
        if (length <= burnIn + horizon) {
            throw new IllegalArgumentException("window (" + length + ") must be longer than burn-in + horizon ("
                    + burnIn + " + " + horizon + ")");
        }
        if (stride < 1) {
            throw new IllegalArgumentException("stride must be >= 1, got " + stride);
        }
    }
}
