package io.seqscore.model.core;

/**
 * The head kind "softmax-values", for events that carry a symbol and m values: the network's one-step head gives
 * V logits, one per symbol of the vocabulary (their softmax is the next symbol's distribution), then m
 * forecasts of the next event's scaled values (trained by {@link io.seqscore.model.core.train.SymbolValuesLoss}).
 * It takes no parameters and needs a network that reads a symbol through an embedding of V rows and m values
 * beside it (m ≥ 1).
 */
public final class SoftmaxValuesHead {
    public static final String KIND = "softmax-values";

    private SoftmaxValuesHead() {
    }

    static void check(HeadSpec head, NetworkSpec network) {
        if (!head.parameters().isEmpty()) {
            throw new IllegalArgumentException("the softmax-values head takes no parameters, got "
                    + head.parameters().keySet());
        }
        int m = network.embeddedValues();
        if (!network.hasEmbedding() || m < 1 || network.horizon() != 1
                || network.outputDim() != network.embeddingRows() + m) {
            throw new IllegalArgumentException("the softmax-values head needs a network that reads a symbol through an"
                    + " embedding and values beside it, and gives one logit per symbol then one forecast per value for the"
                    + " next step, got " + network);
        }
    }
}
