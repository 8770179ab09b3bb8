package io.seqscore.trainer.sessions;

/**
 * The regularized incomplete beta function I_x(a, b), the Beta(a, b) distribution function at x: a continued
 * fraction evaluated by the modified Lentz method (Numerical Recipes, 6.4), with the symmetry
 * I_x(a, b) = 1 − I_{1−x}(b, a) where it converges faster, and ln Γ by Lanczos' approximation.
 */
final class RegularizedBeta {
    private static final int MAX_ITERATIONS = 100_000;
    private static final double EPSILON = 1e-15;
    private static final double TINY = 1e-300;
    private static final double[] LANCZOS = {0.99999999999980993, 676.5203681218851, -1259.1392167224028,
            771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
            9.9843695780195716e-6, 1.5056327351493116e-7};

    private RegularizedBeta() {
    }

    static double value(double x, double a, double b) {
        if (!(a > 0) || !(b > 0)) {
            throw new IllegalArgumentException("a and b must be > 0, got " + a + ", " + b);
        }
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * fraction(x, a, b) / a;
        }
        return 1 - front * fraction(1 - x, b, a) / b;
    }

    private static double fraction(double x, double a, double b) {
        double qab = a + b;
        double qap = a + 1;
        double qam = a - 1;
        double c = 1;
        double d = 1 - qab * x / qap;
        d = 1 / (Math.abs(d) < TINY ? TINY : d);
        double h = d;
        for (int m = 1; m <= MAX_ITERATIONS; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < TINY ? TINY : d);
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            h *= d * c;
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < TINY ? TINY : d);
            c = 1 + aa / c;
            c = Math.abs(c) < TINY ? TINY : c;
            double del = d * c;
            h *= del;
            if (Math.abs(del - 1) < EPSILON) {
                return h;
            }
        }
        throw new ArithmeticException("incomplete beta did not converge for x=" + x + ", a=" + a + ", b=" + b);
    }

    static double logGamma(double z) {
        if (z < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * z))) - logGamma(1 - z);
        }
        double zz = z - 1;
        double sum = LANCZOS[0];
        for (int i = 1; i < LANCZOS.length; i++) {
            sum += LANCZOS[i] / (zz + i);
        }
        double t = zz + 7.5;
        return 0.5 * Math.log(2 * Math.PI) + (zz + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
