package io.seqscore.model.core;

/** Validates a flat parameter array against a {@link NetworkSpec} and names any bad entry by its tensor. */
final class ParameterCheck {
    private ParameterCheck() {
    }

    /** @throws IllegalArgumentException on a wrong length or the first weight that is NaN or infinite */
    static void requireValid(NetworkSpec spec, float[] params) {
        if (params.length != spec.paramCount()) {
            throw new IllegalArgumentException("expected " + spec.paramCount() + " parameters for " + spec
                    + ", got " + params.length);
        }
        for (int i = 0; i < params.length; i++) {
            if (!Float.isFinite(params[i])) {
                throw new IllegalArgumentException(name(spec, i) + " is " + params[i]);
            }
        }
    }

    /** The tensor entry at flat index i, e.g. "layer 1 U[3][7]" or "head by[0]". */
    static String name(NetworkSpec spec, int i) {
        if (spec.hasEmbedding() && i >= spec.embeddingOffset()) {
            return matrix("embedding E", i - spec.embeddingOffset(), spec.embeddingDim());
        }
        if (i >= spec.headBOffset()) {
            return "head by[" + (i - spec.headBOffset()) + "]";
        }
        if (i >= spec.headWOffset()) {
            return matrix("head Wy", i - spec.headWOffset(), spec.lastUnits());
        }
        int k = spec.layerCount() - 1;
        while (spec.wOffset(k) > i) {
            k--;
        }
        LayerSpec l = spec.layer(k);
        String layer = "layer " + k + " ";
        if (i < spec.uOffset(k)) {
            return matrix(layer + "W", i - spec.wOffset(k), l.inputSize());
        }
        if (i < spec.bOffset(k)) {
            return matrix(layer + "U", i - spec.uOffset(k), l.units());
        }
        if (i < spec.bOffset(k) + l.gateRows()) {
            return layer + "b[" + (i - spec.bOffset(k)) + "]";
        }
        return layer + "bR[" + (i - spec.bRecOffset(k)) + "]";
    }

    private static String matrix(String tensor, int rel, int cols) {
        return tensor + "[" + rel / cols + "][" + rel % cols + "]";
    }
}
