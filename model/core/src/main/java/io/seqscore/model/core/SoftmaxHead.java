package io.seqscore.model.core;

/**
 * The head kind "softmax": the network's one-step head gives V logits, one per symbol of the vocabulary of a
 * categorical feature kind, whose softmax is the next symbol's distribution (trained by
 * {@link io.seqscore.model.core.train.SoftmaxCrossEntropyLoss}). It takes no parameters and needs a network
 * that reads symbols through an embedding of V rows.
 */
public final class SoftmaxHead {
    public static final String KIND = "softmax";

    private SoftmaxHead() {
    }

    static void check(HeadSpec head, NetworkSpec network) {
        if (!head.parameters().isEmpty()) {
            throw new IllegalArgumentException("the softmax head takes no parameters, got " + head.parameters().keySet());
        }
        if (!network.hasEmbedding() || network.horizon() != 1 || network.outputDim() != network.embeddingRows()) {
            throw new IllegalArgumentException("the softmax head needs a network that reads symbols through an embedding"
                    + " and gives one logit per symbol for the next step, got " + network);
        }
    }
}
