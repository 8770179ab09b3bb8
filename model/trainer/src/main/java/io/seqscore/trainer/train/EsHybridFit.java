package io.seqscore.trainer.train;

import io.seqscore.model.core.features.EsHybridFeatures;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.data.SeriesStatistics;
import io.seqscore.trainer.source.RawSeries;

import java.util.List;

/**
 * Stage 1 of the ES_HYBRID two-stage fit: the release's smoothing coefficients (α, γ₁, γ₂), one set for every
 * key, chosen on the training keys alone by a grid search that minimizes the smoothing's own error (the network
 * then learns to correct this smoothing, stage 2, in {@link TrainingJob}):
 * <pre>
 * E(α, γ₁, γ₂) = mean over keys k of mean over rows t ≥ max(P₁, P₂), t ≡ 0 mod {@link #EVERY}, t + H &lt; N_k,
 *                and steps s &lt; H of |z_{t+1+s} − base_s(t)|        z = (v − μ_k)/σ_k, the key's own scaling
 * </pre>
 * Multiplicative when every training value is &gt; 0, additive otherwise. Ties keep the first in grid order.
 */
public final class EsHybridFit {
    /** The grid of α, γ₁ and γ₂ searched. */
    static final double[] ALPHAS = {0.01, 0.03, 0.1, 0.3};
    static final double[] GAMMAS1 = {0.01, 0.03, 0.1, 0.3};
    static final double[] GAMMAS2 = {0.0, 0.01, 0.03, 0.1, 0.3};
    /** Rows scored: every EVERY-th after the warm-up (the state advances through every row). */
    static final int EVERY = 6;

    /**
     * The smoothing of one grid point and its error E.
     *
     * @param parameters the release's ES_HYBRID parameters
     * @param error      E above
     */
    public record Result(FeatureParameters parameters, double error) {
    }

    private EsHybridFit() {
    }

    /**
     * Fits α, γ₁, γ₂ for these periods and window on the keys' rows (univariate).
     *
     * @throws TrainerException when no key is long enough to score a row (more than max(P₁, P₂) + H rows)
     */
    public static Result fit(List<RawSeries> keys, int period1, int period2, int window, float clip, int horizon) {
        boolean multiplicative = allPositive(keys);
        Result best = null;
        for (double alpha : ALPHAS) {
            for (double gamma1 : GAMMAS1) {
                for (double gamma2 : period2 > 0 ? GAMMAS2 : new double[] {0.0}) {
                    FeatureParameters p = EsHybridFeatures.parameters(alpha, gamma1, gamma2, period1, period2, window,
                            multiplicative, clip);
                    double e = error(keys, (EsHybridFeatures) FeatureKinds.create(p), Math.max(period1, period2), horizon);
                    if (best == null || e < best.error()) {
                        best = new Result(p, e);
                    }
                }
            }
        }
        if (best == null || Double.isNaN(best.error())) {
            throw new TrainerException("no key has more than " + (Math.max(period1, period2) + horizon)
                    + " events, the smoothing's warm-up and horizon: ES_HYBRID needs longer histories");
        }
        return best;
    }

    static boolean allPositive(List<RawSeries> keys) {
        for (RawSeries k : keys) {
            for (double v : k.values()) {
                if (!(v > 0)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** E of one smoothing over the keys (NaN when no row is scored). */
    static double error(List<RawSeries> keys, EsHybridFeatures f, int warmup, int horizon) {
        double[] state = new double[f.stateSize()];
        double sum = 0;
        int scored = 0;
        for (RawSeries key : keys) {
            if (key.dimension() != 1) {
                throw new TrainerException("ES_HYBRID needs univariate keys; key '" + key.key() + "' has "
                        + key.dimension() + " values per event");
            }
            SeriesStatistics st = SeriesStatistics.fit(List.of(key));
            float mu = st.mean();
            float sigma = st.std();
            double[] v = key.values();
            f.reset(state);
            double keySum = 0;
            long keyRows = 0;
            for (int t = 0; t < v.length; t++) {
                f.advance(state, (float) v[t], sigma);
                if (t + 1 < warmup || t + horizon >= v.length || t % EVERY != 0) {
                    continue;
                }
                for (int s = 0; s < horizon; s++) {
                    double z = ((float) v[t + 1 + s] - mu) / sigma;
                    keySum += Math.abs(z - f.base(state, s, mu, sigma));
                }
                keyRows++;
            }
            if (keyRows > 0) {
                sum += keySum / (keyRows * horizon);
                scored++;
            }
        }
        return scored == 0 ? Double.NaN : sum / scored;
    }
}
