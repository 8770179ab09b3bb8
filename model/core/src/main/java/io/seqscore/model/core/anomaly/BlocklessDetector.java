package io.seqscore.model.core.anomaly;

/**
 * A detector that reads at most a fixed number of past events (none by default), keeps no block in the key's state (a replay clears it) and stores no
 * forecast of its own; flagged by default at the setting "threshold", or the release's calibrated one when NaN.
 */
abstract class BlocklessDetector implements Detector {
    private final String name;
    private final double thresholdOverride;
    private final int history;

    BlocklessDetector(String name, DetectorSettings settings) {
        this(name, settings, 0);
    }

    /** @param history the key's events before the current one it reads */
    BlocklessDetector(String name, DetectorSettings settings, int history) {
        this.name = name;
        this.thresholdOverride = settings.getDouble("threshold");
        this.history = history;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int historySize() {
        return history;
    }

    @Override
    public final Mode beginReplay(DetectorState state, int n, int dims) {
        state.clearBlock();
        return Mode.REPLAY;
    }

    @Override
    public final void forecast(DetectorState state, DetectorEvent event, float[] zNext) {
    }

    /** Whether the score reaches the threshold: the setting "threshold", or the release's when that is NaN. */
    final boolean reachesThreshold(double score, DetectorEvent event) {
        return score >= (Double.isNaN(thresholdOverride) ? event.calibration.threshold() : thresholdOverride);
    }
}
