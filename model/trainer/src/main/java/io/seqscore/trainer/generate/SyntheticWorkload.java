package io.seqscore.trainer.generate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The generator: for key k and step n (event time n · step),
 * <pre>
 *   clean(k, n) = expected(k, n) + σ_k · g(k, n)        g standard normal, a function of (seed, k, n)
 * </pre>
 * ({@link KeyProfile} gives expected and σ), and inside an injected anomaly:
 * spike or level shift: clean + magnitude; variance change: expected + magnitude · σ_k · g;
 * frozen sensor: clean(k, start − 1) held. Anomalies are scheduled per block of
 * {@code spec.anomalyBlock()} steps: with probability {@code spec.anomalyProbability()} a key's block
 * holds one, of a kind, length, position and sign drawn from (seed, k, block); it never touches the
 * block's first or last step, so anomalies never overlap and a frozen sensor holds a clean value.
 *
 * <p>Nothing is carried between calls: any value can be computed alone, in any order, by any process.
 */
public final class SyntheticWorkload {
    private static final long NOISE = 2;
    private static final long HAPPENS = 3;
    private static final long KIND = 6;
    private static final long LENGTH = 7;
    private static final long POSITION = 8;
    private static final long SIGN = 9;

    private final WorkloadSpec spec;
    private final KeyProfile[] profiles;
    private final String[] keys;

    public SyntheticWorkload(WorkloadSpec spec) {
        this.spec = spec;
        this.profiles = new KeyProfile[spec.keys()];
        this.keys = new String[spec.keys()];
        for (int k = 0; k < spec.keys(); k++) {
            profiles[k] = KeyProfile.draw(spec, k);
            keys[k] = spec.key(k);
        }
    }

    public WorkloadSpec spec() {
        return spec;
    }

    public int keyCount() {
        return keys.length;
    }

    public String key(int k) {
        return keys[k];
    }

    /** Event time (epoch ms) of step n. */
    public long eventTime(long step) {
        return Math.multiplyExact(step, spec.stepMillis());
    }

    /** The first step whose event time is at or after {@code timeMillis}. */
    public long firstStepAtOrAfter(long timeMillis) {
        return -Math.floorDiv(-timeMillis, spec.stepMillis());
    }

    /** The noise σ of key k. */
    public double noiseSigma(int k) {
        return profiles[k].noise();
    }

    /** Key k's noise-free, anomaly-free value at step n. */
    public double expected(int k, long step) {
        return profiles[k].expected(step, spec.period(), spec.trendCycle());
    }

    /** Key k's observed value at step n. */
    public double value(int k, long step) {
        InjectedAnomaly a = anomalyAt(k, step);
        if (a == null) {
            return clean(k, step);
        }
        return switch (a.kind()) {
            case SPIKE, LEVEL_SHIFT -> clean(k, step) + a.magnitude();
            case VARIANCE_CHANGE -> expected(k, step) + a.magnitude() * noise(k, step);
            case FROZEN -> a.magnitude();
        };
    }

    /** The anomaly covering key k's step n, or null. */
    public InjectedAnomaly anomalyAt(int k, long step) {
        InjectedAnomaly a = scheduled(k, Math.floorDiv(step, spec.anomalyBlock()));
        return a != null && a.covers(step) ? a : null;
    }

    /** Key k's anomalies that touch steps [from, to), by start. */
    public List<InjectedAnomaly> anomalies(int k, long from, long to) {
        List<InjectedAnomaly> out = new ArrayList<>();
        if (from >= to) {
            return out;
        }
        int block = spec.anomalyBlock();
        for (long b = Math.floorDiv(from, block), last = Math.floorDiv(to - 1, block); b <= last; b++) {
            InjectedAnomaly a = scheduled(k, b);
            if (a != null && a.start() < to && a.end() > from) {
                out.add(a);
            }
        }
        return out;
    }

    /** Every key's anomalies that touch steps [from, to), by start, then key. */
    public List<InjectedAnomaly> anomalies(long from, long to) {
        List<InjectedAnomaly> out = new ArrayList<>();
        for (int k = 0; k < keys.length; k++) {
            out.addAll(anomalies(k, from, to));
        }
        out.sort(Comparator.comparingLong(InjectedAnomaly::start).thenComparing(InjectedAnomaly::key));
        return out;
    }

    private InjectedAnomaly scheduled(int k, long block) {
        long seed = spec.seed();
        if (CounterRandom.uniform(seed, HAPPENS, k, block) >= spec.anomalyProbability()) {
            return null;
        }
        List<AnomalyKind> kinds = spec.kinds();
        AnomalyKind kind = kinds.get(pick(CounterRandom.uniform(seed, KIND, k, block), kinds.size()));
        int length = kind == AnomalyKind.SPIKE ? 1 : spec.minEpisode()
                + pick(CounterRandom.uniform(seed, LENGTH, k, block), spec.maxEpisode() - spec.minEpisode() + 1);
        long start = block * spec.anomalyBlock() + 1
                + pick(CounterRandom.uniform(seed, POSITION, k, block), spec.anomalyBlock() - length - 1);
        double sign = CounterRandom.uniform(seed, SIGN, k, block) < 0.5 ? -1 : 1;
        double sigma = profiles[k].noise();
        double magnitude = switch (kind) {
            case SPIKE -> sign * spec.spikeSigma() * sigma;
            case LEVEL_SHIFT -> sign * spec.shiftSigma() * sigma;
            case VARIANCE_CHANGE -> spec.varianceFactor();
            case FROZEN -> clean(k, start - 1);
        };
        return new InjectedAnomaly(keys[k], kind, start, length, magnitude);
    }

    private double clean(int k, long step) {
        return expected(k, step) + noise(k, step);
    }

    private double noise(int k, long step) {
        return profiles[k].noise() * CounterRandom.gaussian(spec.seed(), NOISE, k, step);
    }

    /** ⌊u · n⌋ for u in [0, 1), kept below n. */
    private static int pick(double u, int n) {
        return Math.min(n - 1, (int) (u * n));
    }
}
