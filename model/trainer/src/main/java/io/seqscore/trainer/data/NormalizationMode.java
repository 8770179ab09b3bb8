package io.seqscore.trainer.data;

/** Which statistics scale a key's values (the release's Normalizer mode). */
public enum NormalizationMode {
    /** Values are fed as they are. */
    NONE,
    /** One mean and standard deviation per feature, fitted on the training part of every key together. */
    GLOBAL,
    /** Each key scaled by the mean and standard deviation of its own training part. */
    PER_KEY
}
