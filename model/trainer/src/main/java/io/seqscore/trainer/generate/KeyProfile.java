package io.seqscore.trainer.generate;

/**
 * One key's noise-free curve and noise level, drawn from the seed:
 * <pre>
 *   expected(n) = level + amplitude · (sin(2π s/P + φ) + ½ sin(4π s/P + 2φ)) + trend · sin(2π c/(P·C) + ψ)
 *   s = n mod P,  c = n mod (P·C)
 * </pre>
 * with level in [10, 100), amplitude in [2, 10), phases in [0, 2π), trend = spec.trend · amplitude and
 * noise σ = spec.noise · amplitude.
 */
record KeyProfile(double level, double amplitude, double phase, double trend, double trendPhase, double noise) {
    private static final long STREAM = 1;

    static KeyProfile draw(WorkloadSpec spec, int k) {
        long seed = spec.seed();
        double amplitude = 2 + 8 * CounterRandom.uniform(seed, STREAM, k, 1);
        return new KeyProfile(
                10 + 90 * CounterRandom.uniform(seed, STREAM, k, 0),
                amplitude,
                2 * Math.PI * CounterRandom.uniform(seed, STREAM, k, 2),
                spec.trend() * amplitude,
                2 * Math.PI * CounterRandom.uniform(seed, STREAM, k, 3),
                spec.noise() * amplitude);
    }

    double expected(long step, int period, int trendCycle) {
        double season = 2 * Math.PI * Math.floorMod(step, period) / period + phase;
        long cycle = (long) period * trendCycle;
        double slow = 2 * Math.PI * Math.floorMod(step, cycle) / cycle + trendPhase;
        return level + amplitude * (Math.sin(season) + 0.5 * Math.sin(2 * season)) + trend * Math.sin(slow);
    }
}
