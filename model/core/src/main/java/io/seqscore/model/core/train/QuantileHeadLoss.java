package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.QuantileHead;

/**
 * The loss of the {@link QuantileHead quantile head}: per target y (targetSize = H·K) the head's three outputs
 * ŷ_lo, ŷ, ŷ_hi (rows s·D + k·3 + 0, 1, 2; D = 3K) are charged the point's squared error and the bounds' pinball
 * losses at the levels τ_lo and τ_hi, in double:
 * <pre>
 *   ℓ = (ŷ − y)² + ρ_{τ_lo}(y − ŷ_lo) + ρ_{τ_hi}(y − ŷ_hi)        ρ_τ(e) = max(τ·e, (τ − 1)·e)
 *   ∂ℓ/∂ŷ = 2(ŷ − y)      ∂ρ_τ(y − b)/∂b = −τ (y &gt; b),  1 − τ (y &lt; b),  0 (y = b)
 * </pre>
 * The point is trained as the regression head's MSE trains it, and the bounds become the conditional quantiles of
 * y at τ_lo and τ_hi (Koenker and Bassett, 1978). Levels with 0 &lt; τ_lo &lt; τ_hi &lt; 1.
 */
public final class QuantileHeadLoss implements Loss {
    public static final String KIND = "QUANTILE_HEAD";

    private final double lower;
    private final double upper;

    public QuantileHeadLoss(double lower, double upper) {
        if (!(lower > 0 && lower < upper && upper < 1)) {
            throw new IllegalArgumentException("quantile head levels need 0 < lower < upper < 1, got " + lower + " and "
                    + upper);
        }
        this.lower = lower;
        this.upper = upper;
    }

    public double lower() {
        return lower;
    }

    public double upper() {
        return upper;
    }

    @Override
    public String kindName() {
        return KIND;
    }

    @Override
    public int targetSize(NetworkSpec spec) {
        if (spec.outputDim() % QuantileHead.ROWS != 0) {
            throw new IllegalArgumentException("a quantile head needs 3 outputs (lower, point, upper) per value, got an"
                    + " output dimension of " + spec.outputDim());
        }
        return spec.outputSize() / QuantileHead.ROWS;
    }

    @Override
    public double forward(float[] out, int o, float[] y, int yo, int horizon, int outputDim) {
        int k = outputDim / QuantileHead.ROWS;
        double sum = 0;
        for (int s = 0; s < horizon; s++) {
            for (int j = 0; j < k; j++) {
                double target = y[yo + s * k + j];
                int m = o + s * outputDim + j * QuantileHead.ROWS;
                double e = out[m + 1] - target;
                sum += e * e + pinball(lower, target - out[m]) + pinball(upper, target - out[m + 2]);
            }
        }
        return sum;
    }

    @Override
    public void backward(float[] out, int o, float[] y, int yo, int horizon, int outputDim, double scale, float[] dOut,
                         int dOff) {
        int k = outputDim / QuantileHead.ROWS;
        for (int s = 0; s < horizon; s++) {
            for (int j = 0; j < k; j++) {
                double target = y[yo + s * k + j];
                int m = s * outputDim + j * QuantileHead.ROWS;
                dOut[dOff + m] = (float) (scale * slope(lower, target - out[o + m]));
                dOut[dOff + m + 1] = (float) (scale * 2.0 * (out[o + m + 1] - target));
                dOut[dOff + m + 2] = (float) (scale * slope(upper, target - out[o + m + 2]));
            }
        }
    }

    private static double pinball(double tau, double e) {
        return Math.max(tau * e, (tau - 1) * e);
    }

    /** ∂ρ_τ(y − b)/∂b for e = y − b. */
    private static double slope(double tau, double e) {
        return e > 0 ? -tau : e < 0 ? 1 - tau : 0;
    }

    @Override
    public String toString() {
        return KIND + "(" + lower + ", " + upper + ")";
    }
}
