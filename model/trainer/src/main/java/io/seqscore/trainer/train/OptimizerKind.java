package io.seqscore.trainer.train;

/** The optimizers of model/core's training package. */
public enum OptimizerKind {
    ADAM,
    /** Adam with decoupled weight decay. */
    ADAMW,
    /** SGD with heavy-ball momentum. */
    SGD
}
