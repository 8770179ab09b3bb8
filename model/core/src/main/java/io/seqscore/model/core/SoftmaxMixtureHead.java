package io.seqscore.model.core;

import io.seqscore.model.core.train.SoftmaxCrossEntropyLoss;
import java.util.Map;

/**
 * The head kind "softmax-mixture": an ensemble of K next-symbol models fused into one network
 * ({@link NetworkEnsemble#fuseSymbols}) whose head gives K blocks of V logits, block m member m's; the next symbol's
 * distribution is the mean of the members' softmaxes, a mixture (not the softmax of the mean logits):
 * <pre>
 *   p_j = (1/K) Σ_m softmax(out[m·V .. m·V+V))_j        j &lt; V
 * </pre>
 * The parameter {@value #MEMBERS} is K (at least 2: one model is the plain {@link SoftmaxHead}). The network must read
 * a symbol only (no values beside it) through an embedding of V rows. The feature transform sees the network as
 * {@link #forecastSpec}: the same layers and V outputs, the distribution.
 */
public final class SoftmaxMixtureHead {
    public static final String KIND = "softmax-mixture";
    /** The parameter giving K, the members. */
    public static final String MEMBERS = "members";

    private SoftmaxMixtureHead() {
    }

    /** The head of K members. */
    public static HeadSpec of(int members) {
        if (members < 2) {
            throw new IllegalArgumentException("a mixture needs at least 2 members, got " + members);
        }
        return new HeadSpec(KIND, Map.of(MEMBERS, (double) members));
    }

    /** Whether the head is a mixture head. */
    public static boolean is(HeadSpec head) {
        return KIND.equals(head.kind());
    }

    /** K, the members of a mixture head; 1 for any other head. */
    public static int members(HeadSpec head) {
        return is(head) ? (int) head.value(MEMBERS).orElseThrow() : 1;
    }

    /** The network as the feature transform sees it: the same layers and V outputs. The network itself for any other head. */
    public static NetworkSpec forecastSpec(HeadSpec head, NetworkSpec network) {
        if (!is(head)) {
            return network;
        }
        return NetworkSpec.embedded(network.embeddingRows(), network.embeddedValues(), network.layers(),
                network.horizon(), network.outputDim() / members(head));
    }

    /**
     * Writes the mixture p[0, v) of the K blocks of v logits in {@code out}: member m's softmax in float, summed over
     * the members in order, then divided by K (as the trainer's offline scorer averages members). Allocates nothing.
     */
    public static void mean(float[] out, int k, int v, float[] p) {
        for (int j = 0; j < v; j++) {
            p[j] = 0f;
        }
        for (int m = 0; m < k; m++) {
            int o = m * v;
            double lse = SoftmaxCrossEntropyLoss.logSumExp(out, o, v);
            for (int j = 0; j < v; j++) {
                p[j] += (float) Math.exp(out[o + j] - lse);
            }
        }
        if (k > 1) {
            for (int j = 0; j < v; j++) {
                p[j] /= k;
            }
        }
    }

    static void check(HeadSpec head, NetworkSpec network) {
        double k = head.value(MEMBERS).orElse(Double.NaN);
        if (head.parameters().size() != 1 || !(k >= 2 && k <= 1 << 10) || k != Math.rint(k)) {
            throw new IllegalArgumentException("the softmax-mixture head takes the parameter " + MEMBERS
                    + ", a whole number from 2 to " + (1 << 10) + ", got " + head.parameters());
        }
        int v = network.embeddingRows();
        if (!network.hasEmbedding() || network.embeddedValues() != 0 || network.horizon() != 1
                || network.outputDim() != (int) k * v) {
            throw new IllegalArgumentException("the softmax-mixture head of " + (int) k + " members needs a network that"
                    + " reads a symbol only through an embedding and gives " + (int) k + " blocks of one logit per symbol"
                    + " for the next step, got " + network);
        }
    }
}
