package io.seqscore.app.state;

/**
 * Part 4, the key's own input normalizer (Welford's count, mean and M2 per value), used by PER_KEY releases.
 * Absent until it has seen a value.
 *
 * <pre>
 * version 1:
 *   var  k                                 values fitted (k &gt; 0)
 *   var  n, f32[n] mean, f32[n] M2         n: the key part's values per event
 * </pre>
 */
final class NormalizerPart implements StatePart {
    static final NormalizerPart INSTANCE = new NormalizerPart();

    private NormalizerPart() {
    }

    @Override
    public int id() {
        return 4;
    }

    @Override
    public int version() {
        return 1;
    }

    @Override
    public String name() {
        return "normalizer";
    }

    @Override
    public boolean presentIn(KeyState s) {
        return s.normalizerCount > 0;
    }

    @Override
    public int size(KeyState s) {
        return StateWriter.varintSize(s.normalizerCount) + StateWriter.varintSize(s.inputSize) + 8 * s.inputSize;
    }

    @Override
    public void write(KeyState s, StateWriter out) {
        out.varint(s.normalizerCount);
        out.varint(s.inputSize);
        out.floats(s.normalizerMean, 0, s.inputSize);
        out.floats(s.normalizerM2, 0, s.inputSize);
    }

    @Override
    public void read(StateReader in, int version, KeyState into) {
        int k = in.varint("normalizer count", Integer.MAX_VALUE);
        if (k == 0) {
            throw new StateFormatException("normalizer part with count 0");
        }
        int n = in.varint("normalizer values", KeyStateCodec.MAX_U16);
        if (n != into.inputSize || n == 0) {
            throw new StateFormatException("normalizer of " + n + " values for an input size of " + into.inputSize);
        }
        in.need(8L * n, "normalizer");
        into.normalizerCount = k;
        into.normalizerMean = KeyState.grow(into.normalizerMean, n);
        into.normalizerM2 = KeyState.grow(into.normalizerM2, n);
        in.floats(into.normalizerMean, 0, n, "normalizer means");
        in.floats(into.normalizerM2, 0, n, "normalizer M2");
    }
}
