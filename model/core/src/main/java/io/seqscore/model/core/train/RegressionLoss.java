package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

/**
 * The regression heads' losses (the built-in kinds of {@link Loss}): the per-step losses between the head's output ŷ (H·D values, layout of {@link NetworkSpec}) and the
 * step's targets y. A batch's loss is the mask-weighted mean over rows, steps after the burn-in and
 * target values: L = Σ_{b,t≥burnIn} w_bt Σ_e ℓ_e / (Σ_{b,t≥burnIn} w_bt · targetSize).
 */
public enum RegressionLoss implements Loss {
    /**
     * Squared error ℓ = (ŷ−y)², one target per head output (targetSize = H·D). With all weights 1 the
     * batch loss is the mean over batch, steps and outputs, as Keras' and tfjs' {@code meanSquaredError}.
     */
    MSE {
        @Override
        public int targetSize(NetworkSpec spec) {
            return spec.outputSize();
        }

        @Override
        public double forward(float[] out, int o, float[] y, int yo, int horizon, int outputDim) {
            double sum = 0;
            for (int j = 0, n = horizon * outputDim; j < n; j++) {
                double e = (double) out[o + j] - y[yo + j];
                sum += e * e;
            }
            return sum;
        }

        @Override
        public void backward(float[] out, int o, float[] y, int yo, int horizon, int outputDim,
                      double scale, float[] dOut, int dOff) {
            for (int j = 0, n = horizon * outputDim; j < n; j++) {
                dOut[dOff + j] = (float) (2.0 * scale * ((double) out[o + j] - y[yo + j]));
            }
        }
    },

    /**
     * Gaussian negative log-likelihood for the interval head. The head's D = 2K values per step are K
     * means then K log-variances: row s·D+k is μ of value k at step s+1 and row s·D+K+k its
     * ℓ = log σ² (k &lt; K); the targets are y[s·K+k] (targetSize = H·K). Per target, evaluated in double:
     * <pre>
     *   nll = ½ (log 2π + ℓ + (y−μ)² e^−ℓ)     ∂/∂μ = (μ−y) e^−ℓ     ∂/∂ℓ = ½ (1 − (y−μ)² e^−ℓ)
     * </pre>
     * A forecast interval of z standard deviations is then μ ± z·e^{ℓ/2}.
     */
    GAUSSIAN_NLL {
        private static final double HALF_LOG_TWO_PI = 0.5 * Math.log(2 * Math.PI);

        @Override
        public int targetSize(NetworkSpec spec) {
            if (spec.outputDim() % 2 != 0) {
                throw new IllegalArgumentException("the Gaussian NLL head needs an even output dimension"
                        + " (means then log-variances), got " + spec.outputDim());
            }
            return spec.outputSize() / 2;
        }

        @Override
        public double forward(float[] out, int o, float[] y, int yo, int horizon, int outputDim) {
            int k = outputDim / 2;
            double sum = 0;
            for (int s = 0; s < horizon; s++) {
                for (int j = 0; j < k; j++) {
                    double mu = out[o + s * outputDim + j];
                    double logVar = out[o + s * outputDim + k + j];
                    double e = y[yo + s * k + j] - mu;
                    sum += HALF_LOG_TWO_PI + 0.5 * (logVar + e * e * Math.exp(-logVar));
                }
            }
            return sum;
        }

        @Override
        public void backward(float[] out, int o, float[] y, int yo, int horizon, int outputDim,
                      double scale, float[] dOut, int dOff) {
            int k = outputDim / 2;
            for (int s = 0; s < horizon; s++) {
                for (int j = 0; j < k; j++) {
                    int m = s * outputDim + j;
                    double mu = out[o + m];
                    double precision = Math.exp(-(double) out[o + m + k]);
                    double e = y[yo + s * k + j] - mu;
                    dOut[dOff + m] = (float) (scale * -e * precision);
                    dOut[dOff + m + k] = (float) (scale * 0.5 * (1.0 - e * e * precision));
                }
            }
        }
    };

    @Override
    public String kindName() {
        return name();
    }
}
