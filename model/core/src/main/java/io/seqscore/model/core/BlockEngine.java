package io.seqscore.model.core;

import io.seqscore.model.core.math.KernelPath;
import java.util.List;

/**
 * The step of a block-diagonal network ({@link BlockDiagonal}, e.g. a fused ensemble): one engine of the given path
 * per block, each over its block's weights and its units' slots in the fused state; block 0 writes the head's
 * outputs with the whole bias, the others add theirs. When the blocks also split layer 0's input and the head
 * ({@link BlockDiagonal#splits}, a fused next-symbol ensemble), block m reads only its part of the embedded row and
 * writes only its own outputs: exactly member m's step. The same function as the dense step up to float rounding,
 * with K times fewer recurrent multiply-adds; allocates nothing.
 */
final class BlockEngine implements StepEngine {
    private final StepEngine[] blocks;
    private final KernelPath path;
    private final Workspace.Shape shape;

    private BlockEngine(StepEngine[] blocks, KernelPath path) {
        this.blocks = blocks;
        this.path = path;
        this.shape = blocks[0].workspaceShape();
    }

    /** @param k the number of blocks, from {@link BlockDiagonal#blocks}; params validated, read here */
    static BlockEngine of(NetworkSpec fused, float[] params, int k, KernelPath path) {
        boolean split = BlockDiagonal.splits(fused, params, k);
        NetworkSpec member = memberSpec(fused, k, split);
        StepEngine[] blocks = new StepEngine[k];
        for (int m = 0; m < k; m++) {
            float[] q = memberParams(fused, member, params, k, m, split);
            StateSlots slots = slots(fused, member, k, m, split);
            blocks[m] = path == KernelPath.VECTOR ? new VectorEngine(member, q, slots) : new ScalarEngine(member, q, slots);
        }
        return new BlockEngine(blocks, path);
    }

    /**
     * Block m as a network of values: layer 0 reads the row the step is given (for a network that reads symbols, the
     * embedded row), the whole of it, or with {@code split} its m-th part; the head writes every output, or with
     * {@code split} its m-th part.
     */
    private static NetworkSpec memberSpec(NetworkSpec fused, int k, boolean split) {
        LayerSpec[] layers = new LayerSpec[fused.layerCount()];
        for (int l = 0; l < layers.length; l++) {
            LayerSpec f = fused.layer(l);
            layers[l] = new LayerSpec(f.cell(), l == 0 && !split ? f.inputSize() : f.inputSize() / k, f.units() / k);
        }
        return new NetworkSpec(layers[0].inputSize(), List.of(layers), fused.horizon(),
                split ? fused.outputDim() / k : fused.outputDim());
    }

    /**
     * Block m's weights in the member layout; its head bias is the whole bias for block 0, zero for the others, or
     * with {@code split} its own outputs' bias.
     */
    private static float[] memberParams(NetworkSpec fused, NetworkSpec member, float[] p, int k, int m, boolean split) {
        float[] q = new float[member.paramCount()];
        for (int l = 0; l < member.layerCount(); l++) {
            LayerSpec ml = member.layer(l);
            LayerSpec fl = fused.layer(l);
            int u = ml.units();
            int n = ml.inputSize();
            int inputFrom = l == 0 && !split ? 0 : m * n;
            for (int g = 0; g < ml.cell().gates(); g++) {
                for (int i = 0; i < u; i++) {
                    int dst = g * u + i;
                    int src = g * fl.units() + m * u + i;
                    System.arraycopy(p, fused.wOffset(l) + src * fl.inputSize() + inputFrom, q, member.wOffset(l) + dst * n, n);
                    System.arraycopy(p, fused.uOffset(l) + src * fl.units() + m * u, q, member.uOffset(l) + dst * u, u);
                    q[member.bOffset(l) + dst] = p[fused.bOffset(l) + src];
                    if (member.bRecOffset(l) >= 0) {
                        q[member.bRecOffset(l) + dst] = p[fused.bRecOffset(l) + src];
                    }
                }
            }
        }
        int last = member.lastUnits();
        int outputFrom = split ? m * member.outputSize() : 0;
        for (int o = 0; o < member.outputSize(); o++) {
            System.arraycopy(p, fused.headWOffset() + (outputFrom + o) * fused.lastUnits() + m * last, q,
                    member.headWOffset() + o * last, last);
            q[member.headBOffset() + o] = split || m == 0 ? p[fused.headBOffset() + outputFrom + o] : 0f;
        }
        return q;
    }

    private static StateSlots slots(NetworkSpec fused, NetworkSpec member, int k, int m, boolean split) {
        int[] h = new int[fused.layerCount()];
        int[] c = new int[fused.layerCount()];
        for (int l = 0; l < h.length; l++) {
            int u = fused.layer(l).units() / k;
            h[l] = fused.hOffset(l) + m * u;
            c[l] = fused.cOffset(l) >= 0 ? fused.cOffset(l) + m * u : -1;
        }
        return split ? new StateSlots(h, c, false, m * member.inputSize(), m * member.outputSize())
                : new StateSlots(h, c, m > 0);
    }

    int blockCount() {
        return blocks.length;
    }

    @Override
    public KernelPath path() {
        return path;
    }

    @Override
    public Workspace.Shape workspaceShape() {
        return shape;
    }

    @Override
    public void step(float[] state, float[] x, float[] out, Workspace ws) {
        for (StepEngine block : blocks) {
            block.step(state, x, out, ws);
        }
    }
}
