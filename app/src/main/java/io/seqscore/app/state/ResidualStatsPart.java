package io.seqscore.app.state;

/**
 * Part 3, the running statistics of the key's standardized one-step residuals (EWMA mean and variance per forecast
 * value), which the calibrated anomaly score reads. Absent when the key has none.
 *
 * <pre>
 * version 1:
 *   var  count                             residuals folded in
 *   var  R, f32[R] mean, f32[R] var
 * </pre>
 */
final class ResidualStatsPart implements StatePart {
    static final ResidualStatsPart INSTANCE = new ResidualStatsPart();

    private ResidualStatsPart() {
    }

    @Override
    public int id() {
        return 3;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String name() {
        return "residual statistics";
    }

    @Override
    public boolean presentIn(KeyState s) {
        return s.residualDims > 0 || s.residualCount != 0;
    }

    @Override
    public int size(KeyState s) {
        return StateWriter.varintSize(s.residualCount) + StateWriter.varintSize(s.residualDims) + 8 * s.residualDims;
    }

    @Override
    public void write(KeyState s, StateWriter out) {
        out.varint(s.residualCount);
        out.varint(s.residualDims);
        out.floats(s.residualMean, 0, s.residualDims);
        out.floats(s.residualVar, 0, s.residualDims);
    }

    @Override
    public void read(StateReader in, int version, KeyState into) {
        into.residualCount = in.varint("residual count", Integer.MAX_VALUE);
        int dims = in.varint("residual dimension", KeyStateCodec.MAX_U16);
        readStatistics(in, into, dims);
    }

    /** Reads the means and variances of {@code dims} residual dimensions into the state. */
    static void readStatistics(StateReader in, KeyState into, int dims) {
        in.need(8L * dims, "residual statistics");
        into.residualMean = KeyState.grow(into.residualMean, dims);
        into.residualVar = KeyState.grow(into.residualVar, dims);
        into.residualDims = dims;
        in.floats(into.residualMean, 0, dims, "residual means");
        in.floats(into.residualVar, 0, dims, "residual variances");
    }
}
