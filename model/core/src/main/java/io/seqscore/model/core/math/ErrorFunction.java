package io.seqscore.model.core.math;

/**
 * The series of the error function that the scorer's anomaly scores and the trainer's calibration both evaluate:
 * erf(x) = (2/√π)·e^(−x²)·Σ_n 2ⁿx^(2n+1)/(1·3·…·(2n+1)), a sum of positive terms (no cancellation), to about
 * 1e-15 for 0 ≤ x &lt; 6. Allocates nothing.
 */
public final class ErrorFunction {
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    private ErrorFunction() {
    }

    /** erf(x) for 0 ≤ x &lt; 6 (beyond, erf rounds to 1 in double and the series needs more terms). */
    public static double series(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 400; n++) {
            term *= 2 * x2 / (2 * n + 1);
            sum += term;
            if (term < sum * 1e-17) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
    }
}
