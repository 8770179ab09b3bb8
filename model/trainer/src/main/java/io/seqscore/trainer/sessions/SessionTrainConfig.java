package io.seqscore.trainer.sessions;

/**
 * How a next-symbol model is trained: an embedding of {@code embedding} values per symbol, {@code layers}
 * LSTM layers of {@code hidden} units, a softmax head over the vocabulary; Adam at {@code learningRate}
 * with global-norm clipping, minibatches of {@code batchSize} sessions of similar length, {@code epochs}
 * passes in an order drawn from {@code seed} (which also draws the initial weights).
 */
public record SessionTrainConfig(int embedding, int hidden, int layers, int epochs, int batchSize,
                                 double learningRate, double clipNorm, long seed) {
    public static final int DEFAULT_EMBEDDING = 16;
    public static final int DEFAULT_HIDDEN = 64;
    public static final int DEFAULT_LAYERS = 2;
    public static final int DEFAULT_EPOCHS = 20;
    public static final int DEFAULT_BATCH = 32;
    public static final double DEFAULT_LEARNING_RATE = 0.005;
    public static final double DEFAULT_CLIP_NORM = 1.0;

    public SessionTrainConfig {
        if (embedding < 1 || hidden < 1 || layers < 1 || epochs < 1 || batchSize < 1) {
            throw new IllegalArgumentException("embedding, hidden, layers, epochs and batch must be >= 1, got "
                    + embedding + ", " + hidden + ", " + layers + ", " + epochs + ", " + batchSize);
        }
        if (!(learningRate > 0) || !(clipNorm > 0)) {
            throw new IllegalArgumentException("learning rate and clip norm must be > 0, got " + learningRate + ", " + clipNorm);
        }
    }

    public static SessionTrainConfig defaults(long seed) {
        return new SessionTrainConfig(DEFAULT_EMBEDDING, DEFAULT_HIDDEN, DEFAULT_LAYERS, DEFAULT_EPOCHS, DEFAULT_BATCH,
                DEFAULT_LEARNING_RATE, DEFAULT_CLIP_NORM, seed);
    }
}
