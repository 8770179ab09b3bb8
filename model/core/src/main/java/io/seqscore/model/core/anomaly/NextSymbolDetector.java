package io.seqscore.model.core.anomaly;

import io.seqscore.model.core.features.Vocabulary;

/**
 * "next-symbol": categorical events (feature kind SYMBOLS), as DeepLog (Du et al., CCS 2017) judges log
 * keys. The forecast stored at the previous event is the distribution f over the V symbol indices; the
 * event's value is the index y of the symbol that came (0 = a symbol the vocabulary does not hold).
 * <pre>
 * p         = f_y                                  probability of the observed symbol
 * rank      = 1 + #{j : f_j &gt; p}                    1 = the most likely symbol came
 * surprisal = −log p
 * score     = 1 − p                                 in [0, 1]; score ≥ t ⇔ surprisal ≥ −log(1 − t)
 * flag      = y is unknown, or rank &gt; g (setting "next-symbol.top-g" &gt; 0), or else score ≥ the
 *             threshold (the setting "threshold", or the release's calibrated one when NaN)
 * </pre>
 * An unknown symbol is flagged even on a key's first event, which has no forecast (its score is NaN).
 * It keeps no per-key state of its own: the stored forecast is the key state's.
 */
public final class NextSymbolDetector extends BlocklessDetector {
    public static final String NAME = "next-symbol";

    private final int topG;

    private int lastIndex = -1;
    private int lastRank;
    private double lastProbability = Double.NaN;

    public NextSymbolDetector(DetectorSettings settings) {
        super(NAME, settings);
        this.topG = settings.getInt("next-symbol.top-g");
        if (topG < 0) {
            throw new IllegalArgumentException("next-symbol.top-g must be >= 0 (0: flag by the threshold), got " + topG);
        }
    }

    @Override
    public double update(DetectorState state, DetectorEvent event, Mode mode) {
        lastIndex = (int) event.observed[0];
        if (event.forecast == null || lastIndex < 0 || lastIndex >= event.dims) {
            lastRank = 0;
            lastProbability = Double.NaN;
            return Double.NaN;
        }
        lastProbability = event.forecast[lastIndex];
        lastRank = rank(event.forecast, event.dims, lastIndex);
        return mode == Mode.LIVE || mode == Mode.PEEK ? 1.0 - lastProbability : Double.NaN;
    }

    @Override
    public boolean flags(double score, DetectorEvent event) {
        if (lastIndex == Vocabulary.UNKNOWN) {
            return true;
        }
        if (Double.isNaN(score)) {
            return false;
        }
        if (topG > 0) {
            return lastRank > topG;
        }
        return reachesThreshold(score, event);
    }

    /** The rank of the last updated event's symbol (1 = most likely), 0 when it had no forecast. */
    public int lastRank() {
        return lastRank;
    }

    /** The probability the last updated event's symbol was given, NaN when it had no forecast. */
    public double lastProbability() {
        return lastProbability;
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
