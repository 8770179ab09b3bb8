package io.seqscore.app.scoring;

import io.seqscore.app.state.KeyState;
import io.seqscore.model.core.anomaly.DetectorState;

/** A {@link DetectorState} view of a {@link KeyState}'s detector fields, repointed per event (no allocation). */
final class KeyDetectorState implements DetectorState {
    private KeyState state;

    KeyDetectorState of(KeyState s) {
        this.state = s;
        return this;
    }

    @Override
    public boolean hasBlock(int n, int dims, int size) {
        return state.hasDetector(n, dims, size);
    }

    @Override
    public double[] block(int n, int dims, int size) {
        return state.detectorBuffer(n, dims, size);
    }

    @Override
    public double[] doubles() {
        return state.detector();
    }

    @Override
    public int blockSize() {
        return state.detectorSize();
    }

    @Override
    public long[] counters() {
        return state.detectorCounters();
    }

    @Override
    public void clearBlock() {
        state.clearDetector();
    }

    @Override
    public float[] residualMean() {
        return state.residualMean();
    }

    @Override
    public float[] residualVariance() {
        return state.residualVar();
    }

    @Override
    public int residualCount() {
        return state.residualCount();
    }

    @Override
    public void residualCount(int count) {
        state.residualCount(count);
    }
}
