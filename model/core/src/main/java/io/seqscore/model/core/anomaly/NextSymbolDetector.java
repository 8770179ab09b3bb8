package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.ConfigEnum;
import io.seqscore.model.core.features.EventHistory;
import io.seqscore.model.core.features.Vocabulary;

/**
 * "next-symbol": categorical events (feature kind SYMBOLS), as DeepLog (Du et al., CCS 2017) judges log
 * keys. The forecast stored at the previous event is the distribution f over the V symbol indices, followed,
 * for events with m values beside the symbol, by the m values' forecasts; the event's row is the index y of the
 * symbol that came (0 = a symbol the vocabulary does not hold), then its values (V = dims − m, m = values − 1).
 * <pre>
 * p         = f_y                                  probability of the observed symbol
 * rank      = 1 + #{j &lt; V : f_j &gt; p}                1 = the most likely symbol came
 * surprisal = −log p
 * symbol    = 1 − p                                 in [0, 1]; symbol ≥ t ⇔ surprisal ≥ −log(1 − t)
 * values    = erf(s/√2), s = max_d |z_d|, z_d = ((v_{1+d} − f_{V+d})/σ_{1+d} − center_{V+d}) / scale_{V+d}
 *             (the calibration's; m &gt; 0 only: the two-sided Gaussian probability of the worst value's residual)
 * score     = max(symbol, values)                   (symbol alone when m = 0)
 * flag      = y is unknown, or
 *             (previous, y) is not among the release's transitions   (a release that carries them, with the
 *                                                     setting "next-symbol.transitions"; previous = the key's
 *                                                     previous event's symbol, START on its first event), or
 *             the surprisal rule on the events the scope judges:
 *               rank &gt; g, or values ≥ the threshold   when the setting "next-symbol.top-g" = g &gt; 0
 *               score ≥ the threshold                  otherwise (the setting "threshold", else the release's)
 * scope     = the setting "next-symbol.threshold-scope": all (every event), end (the release's end symbol's events
 *             only; the values' score still on every event), auto (end when the release carries transitions in use
 *             and an end symbol, else all)
 * </pre>
 * An event with values is thus flagged on its symbol (an unlikely or unseen one) or on its values (a residual
 * beyond the threshold), whichever comes. An unknown symbol or an unseen transition is flagged even on a key's first
 * event, which has no forecast (its score is NaN). With transitions in use it reads the key's previous event
 * ({@link #historySize()} 1: its symbol's index is the first value of its row) and keeps no per-key state of its
 * own: the stored forecast is the key state's.
 */
public final class NextSymbolDetector extends BlocklessDetector {
    public static final String NAME = "next-symbol";
    private static final double SQRT_HALF = 0.7071067811865476;

    private final int topG;
    private final boolean transitions;
    private final ThresholdScope scope;

    private int lastIndex = -1;
    private boolean lastNovel;
    private int lastRank;
    private double lastProbability = Double.NaN;
    private double lastValueScore = Double.NaN;

    public NextSymbolDetector(DetectorSettings settings) {
        this(settings, settings.getBoolean("next-symbol.transitions"));
    }

    /** @param transitions whether a release's transitions are in use: then the detector reads the previous event */
    private NextSymbolDetector(DetectorSettings settings, boolean transitions) {
        super(NAME, settings, transitions ? 1 : 0);
        this.topG = settings.getInt("next-symbol.top-g");
        if (topG < 0) {
            throw new IllegalArgumentException("next-symbol.top-g must be >= 0 (0: flag by the threshold), got " + topG);
        }
        this.transitions = transitions;
        this.scope = ConfigEnum.ofConfigValue(ThresholdScope.class, settings.getString("next-symbol.threshold-scope"),
                "next-symbol.threshold-scope");
    }

    @Override
    public double update(DetectorState state, DetectorEvent event, Mode mode) {
        int m = event.values - 1;
        int v = event.dims - m;
        lastIndex = (int) event.observed[0];
        lastNovel = lastIndex >= 0 && lastIndex < v && novel(event);
        if (event.forecast == null || lastIndex < 0 || lastIndex >= v) {
            lastRank = 0;
            lastProbability = Double.NaN;
            lastValueScore = Double.NaN;
            return Double.NaN;
        }
        lastProbability = event.forecast[lastIndex];
        lastRank = rank(event.forecast, v, lastIndex);
        lastValueScore = m > 0 ? valueScore(event, v, m) : Double.NaN;
        double score = m > 0 ? Math.max(1.0 - lastProbability, lastValueScore) : 1.0 - lastProbability;
        return mode == Mode.LIVE || mode == Mode.PEEK ? score : Double.NaN;
    }

    /** Whether the release's transitions are in use and lack (the key's previous symbol, this one). */
    private boolean novel(DetectorEvent event) {
        SymbolTransitions table = event.transitions;
        if (!transitions || table.isEmpty()) {
            return false;
        }
        EventHistory before = event.before;
        int previous = before == null || before.count() == 0 ? SymbolTransitions.START : (int) before.value(0, 0);
        return !table.seen(previous, lastIndex);
    }

    /** erf(s/√2) of the largest calibrated residual of the event's values against their forecasts. */
    private static double valueScore(DetectorEvent event, int v, int m) {
        ResidualCalibration cal = event.calibration;
        double s = 0;
        for (int d = 0; d < m; d++) {
            double r = (event.observed[1 + d] - event.forecast[v + d]) / event.sigma[1 + d];
            s = Math.max(s, Math.abs((r - cal.center(v + d)) / cal.scale(v + d)));
        }
        return AnomalyScorer.erf(s * SQRT_HALF);
    }

    @Override
    public boolean flags(double score, DetectorEvent event) {
        if (lastIndex == Vocabulary.UNKNOWN || lastNovel) {
            return true;
        }
        if (Double.isNaN(score)) {
            return false;
        }
        boolean values = !Double.isNaN(lastValueScore) && reachesThreshold(lastValueScore, event);
        if (scope.endOnly(transitions ? event.transitions : SymbolTransitions.NONE, event.endSymbol)
                && lastIndex != event.endSymbol) {
            return values;
        }
        if (topG > 0) {
            return lastRank > topG || values;
        }
        return reachesThreshold(score, event);
    }

    /** Whether the last updated event's transition was unseen (with the release's transitions in use). */
    public boolean lastNovel() {
        return lastNovel;
    }

    /** The rank of the last updated event's symbol (1 = most likely), 0 when it had no forecast. */
    public int lastRank() {
        return lastRank;
    }

    /** The probability the last updated event's symbol was given, NaN when it had no forecast. */
    public double lastProbability() {
        return lastProbability;
    }

    /** The score of the last updated event's values (see the class comment), NaN for events without values. */
    public double lastValueScore() {
        return lastValueScore;
    }

    /** 1 + the number of indices j &lt; dims with f_j &gt; f_y. */
    public static int rank(float[] f, int dims, int y) {
        float p = f[y];
        int above = 0;
        for (int j = 0; j < dims; j++) {
            if (f[j] > p) {
                above++;
            }
        }
        return above + 1;
    }
}
