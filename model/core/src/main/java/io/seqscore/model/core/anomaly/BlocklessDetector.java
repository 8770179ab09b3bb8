package io.seqscore.model.core.anomaly;

/**
 * A detector that reads no past events, keeps no block in the key's state (a replay clears it) and stores no
 * forecast of its own; flagged by default at the setting "threshold", or the release's calibrated one when NaN.
 */
abstract class BlocklessDetector implements Detector {
    private final String name;
    private final double thresholdOverride;

    BlocklessDetector(String name, DetectorSettings settings) {
        this.name = name;
        this.thresholdOverride = settings.getDouble("threshold");
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int historySize() {
        return 0;
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
