package io.seqscore.model.core;

/**
 * Where an engine finds each layer's h and c in the state array it is given, where its input starts in the row it
 * is given and its outputs in the output array, and whether it writes its head's outputs or adds them to what is
 * there: a network's own layout ({@link #of}), or one member's units inside a fused ensemble's state
 * ({@link BlockEngine}).
 */
record StateSlots(int[] hOffsets, int[] cOffsets, boolean addsHead, int inputOffset, int outputOffset) {
    /** Input and outputs from index 0. */
    StateSlots(int[] hOffsets, int[] cOffsets, boolean addsHead) {
        this(hOffsets, cOffsets, addsHead, 0, 0);
    }

    static StateSlots of(NetworkSpec spec) {
        int[] h = new int[spec.layerCount()];
        int[] c = new int[spec.layerCount()];
        for (int k = 0; k < h.length; k++) {
            h[k] = spec.hOffset(k);
            c[k] = spec.cOffset(k);
        }
        return new StateSlots(h, c, false);
    }

    int h(int layer) {
        return hOffsets[layer];
    }

    /** −1 when the layer's cell has no c. */
    int c(int layer) {
        return cOffsets[layer];
    }
}
