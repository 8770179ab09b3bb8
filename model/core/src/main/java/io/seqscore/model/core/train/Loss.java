package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

/**
 * The head-and-loss seam: how the dense head's H·D outputs per step ({@link NetworkSpec}'s layout, row
 * s·D + d) are trained against the step's targets. A batch's loss is the mask-weighted mean over rows, steps
 * after the burn-in and target values: L = Σ_{b,t≥burnIn} w_bt Σ_e ℓ_e / (Σ_{b,t≥burnIn} w_bt · targetSize).
 * The built-in kinds are {@link RegressionLoss}'s (MSE, Gaussian NLL), registered by name in {@link Losses};
 * others fit the same three methods, e.g. a quantile head (D = values × quantiles, ℓ = the pinball loss
 * max(τ(y − ŷ), (τ − 1)(y − ŷ)), targetSize H·values) or a softmax head over a vocabulary of V symbols (D = V
 * logits, ℓ = −log softmax(ŷ)_y with the symbol's index as the target, targetSize H; ∂ℓ/∂ŷ = softmax(ŷ) − onehot(y)).
 * What the outputs mean at serve time is the feature transform's ({@code FeatureTransform#forecasts}).
 * Implementations are stateless (or thread-confined) and allocate nothing per call.
 */
public interface Loss {
    /** Squared error (see {@link RegressionLoss#MSE}). */
    Loss MSE = RegressionLoss.MSE;
    /** Gaussian negative log-likelihood (see {@link RegressionLoss#GAUSSIAN_NLL}). */
    Loss GAUSSIAN_NLL = RegressionLoss.GAUSSIAN_NLL;

    /** The registered name, e.g. "MSE". */
    String kindName();

    /** Target values per step for a network of this spec; throws when the head does not fit the loss. */
    int targetSize(NetworkSpec spec);

    /** Σ of ℓ over one step's targets: outputs at out[o..], targets at y[yo..]. */
    double forward(float[] out, int o, float[] y, int yo, int horizon, int outputDim);

    /** dOut[j] = scale · ∂(Σ ℓ)/∂ŷ_j for the step's H·D head outputs (assigned, not accumulated). */
    void backward(float[] out, int o, float[] y, int yo, int horizon, int outputDim, double scale, float[] dOut,
                  int dOff);
}
