package io.seqscore.model.core;

/**
 * Finds the block structure of a fused ensemble ({@link NetworkEnsemble}) in a network's weights: the largest K
 * such that every layer's units split into K equal blocks and every recurrent U, and the W of every layer after
 * the first, is zero outside the diagonal blocks (inside each gate's rows). Such a network is exactly K
 * independent stacks that share the input and add their heads, whatever trained it, so stepping the blocks one by
 * one computes the same function with 1/K of the recurrent multiply-adds.
 */
final class BlockDiagonal {
    private BlockDiagonal() {
    }

    /**
     * K ≥ 1; 1 when the weights have no such structure. Layer 0's W is not examined: the blocks share layer 0's input
     * (for a network that reads symbols, the embedded row; a fused next-symbol ensemble's has zeros outside each
     * member's columns, which a block multiplies).
     */
    static int blocks(NetworkSpec spec, float[] p) {
        int g = 0;
        for (int k = 0; k < spec.layerCount(); k++) {
            g = gcd(g, spec.layer(k).units());
        }
        for (int k = g; k > 1; k--) {
            if (g % k == 0 && holds(spec, p, k)) {
                return k;
            }
        }
        return 1;
    }

    /**
     * Whether the k blocks of a block-diagonal network that reads symbols also split its input and its head: layer 0's
     * rows of block m read only columns m·n/k … of the embedded row, and head output rows m·D/k … (one step) read
     * only block m's units, as a fused next-symbol ensemble ({@link NetworkEnsemble#fuseSymbols}) has them. Block m
     * is then exactly member m, its own input and its own outputs.
     */
    static boolean splits(NetworkSpec spec, float[] p, int k) {
        LayerSpec first = spec.layer(0);
        int n = first.inputSize();
        int outputs = spec.outputSize();
        if (k < 2 || !spec.hasEmbedding() || spec.horizon() != 1 || n % k != 0 || outputs % k != 0) {
            return false;
        }
        int u = first.units() / k;
        for (int r = 0; r < first.gateRows(); r++) {
            int m = (r % first.units()) / u;
            if (!zeroOutside(p, spec.wOffset(0) + r * n, n, m * (n / k), n / k)) {
                return false;
            }
        }
        int last = spec.lastUnits();
        for (int o = 0; o < outputs; o++) {
            int m = o / (outputs / k);
            if (!zeroOutside(p, spec.headWOffset() + o * last, last, m * (last / k), last / k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean holds(NetworkSpec spec, float[] p, int k) {
        for (int l = 0; l < spec.layerCount(); l++) {
            LayerSpec layer = spec.layer(l);
            int units = layer.units();
            int u = units / k;
            for (int r = 0; r < layer.gateRows(); r++) {
                int m = (r % units) / u;
                if (!zeroOutside(p, spec.uOffset(l) + r * units, units, m * u, u)) {
                    return false;
                }
                if (l > 0) {
                    int n = layer.inputSize();
                    int v = n / k;
                    if (!zeroOutside(p, spec.wOffset(l) + r * n, n, m * v, v)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether row p[off .. off+len) is zero outside [from, from+width). */
    private static boolean zeroOutside(float[] p, int off, int len, int from, int width) {
        for (int j = 0; j < len; j++) {
            if ((j < from || j >= from + width) && p[off + j] != 0f) {
                return false;
            }
        }
        return true;
    }

    private static int gcd(int a, int b) {
        return b == 0 ? a : gcd(b, a % b);
    }
}
