package io.seqscore.trainer.generate;

/**
 * Counter-based randomness: a uniform or Gaussian number as a pure function of (seed, stream, a, b),
 * by chaining SplitMix64's finalizer (Steele, Lea and Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014). Nothing is carried from one draw to the next, so any value can be drawn
 * on its own, in any order, in any process.
 */
final class CounterRandom {
    private static final long GAMMA = 0x9e3779b97f4a7c15L;

    private CounterRandom() {
    }

    static long hash(long seed, long stream, long a, long b) {
        long h = mix(seed + GAMMA);
        h = mix(h + (stream + 1) * GAMMA);
        h = mix(h + a * GAMMA);
        return mix(h + b * GAMMA);
    }

    /** Uniform in [0, 1), 53 bits. */
    static double uniform(long seed, long stream, long a, long b) {
        return (hash(seed, stream, a, b) >>> 11) * 0x1.0p-53;
    }

    /**
     * Standard normal by Box–Muller over two uniforms drawn from the stream's sub-streams
     * 2·stream and 2·stream + 1: z = √(−2 ln(1 − u₁)) · cos(2π u₂).
     */
    static double gaussian(long seed, long stream, long a, long b) {
        double u1 = uniform(seed, 2 * stream, a, b);
        double u2 = uniform(seed, 2 * stream + 1, a, b);
        return Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
    }

    /** SplitMix64's output function (a bijection of 64-bit values). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
