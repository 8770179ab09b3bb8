package io.seqscore.model.core;

import java.util.ArrayList;
import java.util.List;

/**
 * K networks of one architecture fused into ONE network whose forecast is exactly the mean of theirs (up to float
 * rounding), so that an ensemble is an ordinary release: no schema field, no serving code of its own.
 *
 * <p>The fused network has the members' cells with K·u_k units in layer k; member m owns units m·u_k … m·u_k+u_k−1
 * of every layer (inside each gate block: fused row g·K·u + m·u + i is member m's row g·u + i). Layer 0's W is
 * the members' W rows stacked (they all read the same input); the recurrent U and the W of deeper layers are
 * block-diagonal (member m's block reads only member m's units, zeros elsewhere), so no member ever sees another's
 * state; the head is the members' heads side by side, each times 1/K, with the mean of their biases. A key's
 * state is the members' states side by side: K times a member's.
 *
 * <p>K next-symbol networks are fused by {@link #fusedSymbolSpec}/{@link #fuseSymbols} instead: their forecast is the
 * mean of their softmaxes, not a function of the mean logits, so the fused head keeps each member's logits apart and
 * the release names the {@link SoftmaxMixtureHead softmax-mixture} head that averages the distributions.
 *
 * <p>A dense step of the fused network multiplies the zero blocks too; {@link Network#of} recognises the
 * structure ({@link BlockDiagonal}) and steps the members block by block instead.
 */
public final class NetworkEnsemble {
    private NetworkEnsemble() {
    }

    /** The architecture of K fused copies of {@code member}: every layer K times as wide, the same head shape. */
    public static NetworkSpec fusedSpec(NetworkSpec member, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one member, got " + k);
        }
        if (member.hasEmbedding()) {
            throw new IllegalArgumentException("a network that reads symbols (an embedding) is fused by fusedSymbolSpec");
        }
        List<LayerSpec> layers = new ArrayList<>(member.layerCount());
        for (int l = 0; l < member.layerCount(); l++) {
            LayerSpec ls = member.layer(l);
            layers.add(new LayerSpec(ls.cell(), l == 0 ? ls.inputSize() : k * ls.inputSize(), k * ls.units()));
        }
        return new NetworkSpec(member.inputSize(), layers, member.horizon(), member.outputDim());
    }

    /**
     * The parameters of {@link #fusedSpec fusedSpec(member, K)} that forecast the mean of the K members.
     *
     * @param members each in the layout of {@code member}
     */
    public static float[] fuse(NetworkSpec member, List<float[]> members) {
        int k = members.size();
        NetworkSpec fused = fusedSpec(member, k);
        checkLengths(member, members);
        float[] p = new float[fused.paramCount()];
        fuseLayers(member, fused, members, p, false);
        int outputs = member.outputSize();
        int last = member.lastUnits();
        float share = 1f / k;
        for (int o = 0; o < outputs; o++) {
            double bias = 0;
            for (int m = 0; m < k; m++) {
                float[] q = members.get(m);
                for (int j = 0; j < last; j++) {
                    p[fused.headWOffset() + o * k * last + m * last + j] = q[member.headWOffset() + o * last + j] * share;
                }
                bias += q[member.headBOffset() + o];
            }
            p[fused.headBOffset() + o] = (float) (bias / k);
        }
        return p;
    }

    /**
     * The architecture of K fused copies of a next-symbol network {@code member} (an embedding of V rows × e, no values
     * beside the symbol): the embedding K·e wide (member m's row in columns m·e …), every layer K times as wide,
     * and K·V outputs, block m member m's logits, for the {@link SoftmaxMixtureHead softmax-mixture} head.
     */
    public static NetworkSpec fusedSymbolSpec(NetworkSpec member, int k) {
        if (k < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one member, got " + k);
        }
        if (!member.hasEmbedding() || member.embeddedValues() != 0 || member.horizon() != 1) {
            throw new IllegalArgumentException("a fused next-symbol ensemble needs members that read a symbol only"
                    + " through an embedding and forecast one step, got " + member);
        }
        List<LayerSpec> layers = new ArrayList<>(member.layerCount());
        for (int l = 0; l < member.layerCount(); l++) {
            LayerSpec ls = member.layer(l);
            layers.add(new LayerSpec(ls.cell(), k * ls.inputSize(), k * ls.units()));
        }
        return NetworkSpec.embedded(member.embeddingRows(), 0, layers, 1, k * member.outputDim());
    }

    /**
     * The parameters of {@link #fusedSymbolSpec fusedSymbolSpec(member, K)}: member m's units, embedding columns and
     * logits are block m of every layer, of the embedding and of the head, zeros elsewhere, so block m of the outputs
     * is exactly member m's logits (up to float rounding) and {@link SoftmaxMixtureHead#mean} their mixture.
     */
    public static float[] fuseSymbols(NetworkSpec member, List<float[]> members) {
        int k = members.size();
        NetworkSpec fused = fusedSymbolSpec(member, k);
        checkLengths(member, members);
        float[] p = new float[fused.paramCount()];
        fuseLayers(member, fused, members, p, true);
        int v = member.outputDim();
        int last = member.lastUnits();
        int e = member.embeddingDim();
        for (int m = 0; m < k; m++) {
            float[] q = members.get(m);
            for (int o = 0; o < v; o++) {
                System.arraycopy(q, member.headWOffset() + o * last,
                        p, fused.headWOffset() + (m * v + o) * k * last + m * last, last);
                p[fused.headBOffset() + m * v + o] = q[member.headBOffset() + o];
            }
            for (int r = 0; r < member.embeddingRows(); r++) {
                System.arraycopy(q, member.embeddingOffset() + r * e, p, fused.embeddingOffset() + r * k * e + m * e, e);
            }
        }
        return p;
    }

    private static void checkLengths(NetworkSpec member, List<float[]> members) {
        for (int m = 0; m < members.size(); m++) {
            if (members.get(m).length != member.paramCount()) {
                throw new IllegalArgumentException("member " + m + " has " + members.get(m).length
                        + " parameters, expected " + member.paramCount());
            }
        }
    }

    /** Every layer's weights, block-diagonal; layer 0's W too when {@code blockInput0} (each member reads its own columns). */
    private static void fuseLayers(NetworkSpec member, NetworkSpec fused, List<float[]> members, float[] p,
                                   boolean blockInput0) {
        int k = members.size();
        for (int l = 0; l < member.layerCount(); l++) {
            LayerSpec ml = member.layer(l);
            LayerSpec fl = fused.layer(l);
            int u = ml.units();
            int n = ml.inputSize();
            boolean blockInput = l > 0 || blockInput0;
            for (int m = 0; m < k; m++) {
                float[] q = members.get(m);
                for (int g = 0; g < ml.cell().gates(); g++) {
                    for (int i = 0; i < u; i++) {
                        int src = g * u + i;
                        int dst = g * fl.units() + m * u + i;
                        System.arraycopy(q, member.wOffset(l) + src * n,
                                p, fused.wOffset(l) + dst * fl.inputSize() + (blockInput ? m * n : 0), n);
                        System.arraycopy(q, member.uOffset(l) + src * u,
                                p, fused.uOffset(l) + dst * fl.units() + m * u, u);
                        p[fused.bOffset(l) + dst] = q[member.bOffset(l) + src];
                        if (member.bRecOffset(l) >= 0) {
                            p[fused.bRecOffset(l) + dst] = q[member.bRecOffset(l) + src];
                        }
                    }
                }
            }
        }
    }
}
