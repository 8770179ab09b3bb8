package io.seqscore.trainer.calibrate;

import io.seqscore.model.core.math.ErrorFunction;

/**
 * The error function in double precision, from two expansions that converge for every x ≥ 0:
 * <pre>
 *   x &lt; 3:  erf(x)  = 2/√π · e^{−x²} · Σ_{k≥0} 2^k x^{2k+1} / (1·3·…·(2k+1))      (all terms positive)
 *   x ≥ 3:  erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))   (Laplace's continued
 *           fraction, evaluated by the modified Lentz method)
 * </pre>
 * and erf(−x) = −erf(x); the series is {@link ErrorFunction#series}, which the scorer's anomaly scores evaluate
 * too. Relative error below 1e-15 on [0, 3); absolute error of erfc below 1e-16 beyond.
 */
public final class Erf {
    private static final double ONE_OVER_SQRT_PI = 1 / Math.sqrt(Math.PI);

    private Erf() {
    }

    public static double erf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x < 0) {
            return -erf(-x);
        }
        return x < 3 ? ErrorFunction.series(x) : 1 - erfc(x);
    }

    /** 1 − erf(x) for x ≥ 3, without cancellation. */
    static double erfc(double x) {
        if (x > 27) {
            return 0;
        }
        double tiny = 1e-300;
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 500; k++) {
            double a = k / 2.0;
            d = x + a * d;
            d = Math.abs(d) < tiny ? tiny : d;
            c = x + a / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        return Math.exp(-x * x) * ONE_OVER_SQRT_PI / f;
    }
}
