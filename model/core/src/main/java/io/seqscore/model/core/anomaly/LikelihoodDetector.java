package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.ConfigEnum;

/**
 * "likelihood": Numenta's anomaly likelihood (Ahmad et al. 2017; NuPIC's {@code anomaly_likelihood.py}) over a raw
 * score per event: how improbable the key's recent raw scores are under the distribution of its own raw scores
 * over a long memory. Scale-free per key, so one threshold means the same on streams of very different noise.
 * <pre>
 * raw_t    "range":    E_t / (E_t + m), E_t the range channels' exceedance ({@link RangeNovelty}), m = range.margin
 *          "residual": the step-1 forecast residual's calibrated score (as "calibrated" with normalization
 *                      calibration: the share of the release's training residuals that were smaller)
 * a_t      = the mean of the key's last S raw scores (fewer while it has fewer)      S = likelihood.short.events
 * μ, v     the mean and variance of a over the key's events after its first L      L = likelihood.learning.events
 *          (learning: ranges and forecasts still settle); weight w_k = max(1/k, 1/N) for the k-th:
 *          the exact mean and variance up to N events, an exponential memory of N after   N = likelihood.memory.events
 *          δ = a − μ;  μ ← μ + wδ;  v ← (1 − w)(v + wδ²)      absorbed after the event is scored
 * tail_t   = Q((a_t − max(μ, 0.03)) / sqrt(max(v, 0.0003)))   the upper Gaussian tail; Numenta's floors;
 *            1 until N_k ≥ 100 scores are absorbed (scored from the key's (L + 100)-th raw score)
 * filter   tail_t = 0.001 when tail_t ≤ 1e-5 and tail_{t−1} ≤ 1e-5 (unfiltered): only the first of a run of "red"
 *          events stays red (Numenta's filter)
 * score_t  = clamp(log(tail_t + 1e-10) / log(1e-10), 0, 1)     Numenta's log scale: 0.5 ⇔ tail = 1e-5
 *          "combine" range: max(score_t, range's score) (Numenta's NAB detector adds a value outside the key's
 *          past range by 5 % in the same way)
 * flag_t   = score_t &gt; 0.5 and score_t &gt; q_t, q the key's alarm level ({@link AlarmLevel}: the score &gt; q on at
 *          most about the target rate α of the key's events); with a "threshold" setting: score &gt; 0 and ≥ it
 * </pre>
 * Numenta re-estimates μ and v every 100 events over a window of up to 8640 averaged scores; the running estimate
 * here is O(1) per event. Its tail is upper only (Numenta reflects a below the mean: a key that becomes more
 * predictable is not anomalous here). The raw score of an event without a forecast is not taken.
 *
 * <p>State: the block of {@link RangeNovelty#stateSize} doubles (the range channels, used by both raw scores and
 * by "combine") followed by {@code 6 + S} doubles: raw scores taken, μ, v, the previous unfiltered tail, q, the
 * sum of the ring and the ring of the last S raw scores; RangeNovelty's counters. A re-warm after a model change
 * starts the likelihood's statistics again (both raw scores depend on the model) and keeps q with the value and
 * level channels. Nothing is allocated per event.
 *
 * <p>Settings: the range detector's ("range.*"), "likelihood.raw", "likelihood.combine", "likelihood.short.events",
 * "likelihood.memory.events", "likelihood.learning.events", "adaptive.step", "target.rate", "threshold".
 */
public final class LikelihoodDetector extends RangeNoveltyDetector {
    public static final String NAME = "likelihood";
    /** Raw scores absorbed before the first likelihood (Numenta's estimation samples). */
    public static final int ESTIMATION = 100;
    /** Numenta's floors of the mean and variance of the averaged raw score. */
    public static final double MEAN_FLOOR = 0.03;
    public static final double VARIANCE_FLOOR = 0.0003;
    /** Numenta's red and yellow tail probabilities. */
    public static final double RED = 1e-5;
    public static final double YELLOW = 1e-3;
    /** Offsets after the range channels' block. */
    public static final int TAKEN = 0;
    public static final int MEAN = 1;
    public static final int VARIANCE = 2;
    public static final int PREVIOUS_TAIL = 3;
    public static final int LEVEL = 4;
    public static final int SUM = 5;
    public static final int RING = 6;

    private static final double EPSILON = 1e-10;
    private static final double LOG_EPSILON = Math.log(EPSILON);
    private static final double SQRT_HALF = 0.7071067811865476;

    /** What the likelihood is taken of ("likelihood.raw"). */
    public enum Raw implements ConfigEnum {
        /** The range channels' exceedance E as E / (E + m). */
        RANGE,
        /** The step-1 forecast residual's calibrated score. */
        RESIDUAL
    }

    /** What the likelihood's score is combined with ("likelihood.combine"). */
    public enum Combine implements ConfigEnum {
        /** The likelihood alone. */
        NONE,
        /** The larger of the likelihood's score and range's. */
        RANGE
    }

    private final Raw raw;
    private final Combine combine;
    private final int shortEvents;
    private final int memory;
    private final int learning;
    private final int extra;
    private final double margin;
    private final AlarmLevel level;

    private boolean alarm;
    private double[] residual = new double[0];
    private double[] zCal = new double[0];

    public LikelihoodDetector(DetectorSettings s) {
        super(NAME, s, s.getInt("range.refractory.events"));
        this.raw = ConfigEnum.ofConfigValue(Raw.class, s.getString("likelihood.raw"));
        this.combine = ConfigEnum.ofConfigValue(Combine.class, s.getString("likelihood.combine"));
        this.shortEvents = s.getInt("likelihood.short.events");
        this.memory = s.getInt("likelihood.memory.events");
        this.learning = s.getInt("likelihood.learning.events");
        this.margin = s.getDouble("range.margin");
        this.level = new AlarmLevel(s);
        if (shortEvents < 1 || memory < 1 || learning < 0) {
            throw new IllegalArgumentException("need a short window >= 1, a memory >= 1 and a learning period >= 0"
                    + " events; got " + shortEvents + ", " + memory + ", " + learning);
        }
        this.extra = RING + shortEvents;
    }

    /** Doubles of a key's state with n values and dims forecast values. */
    public int stateSize(int n, int dims) {
        return range.stateSize(n, dims) + extra;
    }

    @Override
    public Mode beginReplay(DetectorState state, int n, int dims) {
        if (fitsExtended(state, n, dims, extra)) {
            double[] s = state.doubles();
            range.resetModelChannels(s, state.counters(), n, dims);
            resetLikelihood(s, stateSize(n, dims) - extra);
            return Mode.REPLAY_MODEL;
        }
        reset(state, n, dims);
        return Mode.REPLAY;
    }

    @Override
    public double update(DetectorState state, DetectorEvent event, Mode mode) {
        int n = event.values;
        int dims = event.dims;
        alarm = false;
        if (!fitsExtended(state, n, dims, extra)) {
            if (mode == Mode.PEEK) {
                return Double.NaN;
            }
            reset(state, n, dims);
        }
        double rangeScore = detect(state, event, mode);
        if (event.forecast == null) {
            return Double.NaN;
        }
        double[] s = state.doubles();
        int at = stateSize(n, dims) - extra;
        double x = raw == Raw.RANGE ? rawRange() : rawResidual(event);
        long taken = (long) s[at + TAKEN];
        int slot = (int) (taken % shortEvents);
        double sum = s[at + SUM] - (taken >= shortEvents ? s[at + RING + slot] : 0) + x;
        double average = Math.max(0, sum / Math.min(taken + 1, shortEvents));
        long absorbed = taken - learning;
        double mean = s[at + MEAN];
        double unfiltered = absorbed >= ESTIMATION ? upperTail(average, mean, s[at + VARIANCE]) : 1;
        double previous = s[at + PREVIOUS_TAIL];
        if (mode != Mode.PEEK) {
            s[at + RING + slot] = x;
            s[at + SUM] = sum;
            s[at + TAKEN] = taken + 1;
            s[at + PREVIOUS_TAIL] = unfiltered;
            if (absorbed >= 0) {
                double w = Math.max(1.0 / (absorbed + 1), 1.0 / memory);
                double delta = average - mean;
                s[at + MEAN] = mean + w * delta;
                s[at + VARIANCE] = (1 - w) * (s[at + VARIANCE] + w * delta * delta);
            }
        }
        if (mode != Mode.LIVE && mode != Mode.PEEK) {
            return Double.NaN;
        }
        double score = logScore(unfiltered <= RED && previous <= RED ? YELLOW : unfiltered);
        if (combine == Combine.RANGE) {
            score = Math.max(score, rangeScore);
        }
        double q = s[at + LEVEL];
        alarm = score > 0.5 && score > q;
        if (mode == Mode.LIVE) {
            s[at + LEVEL] = level.next(q, score, event);
        }
        return score;
    }

    @Override
    boolean alarm() {
        return alarm;
    }

    /** Numenta's log scale of a tail probability: log(tail + 1e-10) / log(1e-10), in [0, 1]. */
    public static double logScore(double tail) {
        return Math.min(1, Math.max(0, Math.log(tail + EPSILON) / LOG_EPSILON));
    }

    /** Q((a − max(μ, 0.03)) / sqrt(max(v, 0.0003))): the upper Gaussian tail under Numenta's floors. */
    public static double upperTail(double average, double mean, double variance) {
        double z = (average - Math.max(mean, MEAN_FLOOR)) / Math.sqrt(Math.max(variance, VARIANCE_FLOOR));
        return 0.5 * (1 - AnomalyScorer.erf(z * SQRT_HALF));
    }

    private double rawRange() {
        double e = range.exceedance();
        return e / (e + margin);
    }

    private double rawResidual(DetectorEvent event) {
        int dims = event.dims;
        if (residual.length < dims) {
            residual = new double[dims];
            zCal = new double[dims];
        }
        AnomalyScorer.calibratedResiduals(event, residual, zCal);
        ResidualCalibration cal = event.calibration;
        return AnomalyScorer.probability(AnomalyScorer.statistic(cal.statistic(), zCal, dims), cal);
    }

    private void reset(DetectorState state, int n, int dims) {
        int size = stateSize(n, dims);
        double[] s = state.block(n, dims, size);
        range.reset(s, state.counters(), n, dims);
        resetLikelihood(s, size - extra);
        s[size - extra + LEVEL] = 0;
    }

    private void resetLikelihood(double[] s, int at) {
        s[at + TAKEN] = 0;
        s[at + MEAN] = 0;
        s[at + VARIANCE] = 0;
        s[at + PREVIOUS_TAIL] = 1;
        s[at + SUM] = 0;
        for (int i = 0; i < shortEvents; i++) {
            s[at + RING + i] = 0;
        }
    }
}
