package io.seqscore.trainer.data;

/** Where the training windows of length T (stride S, horizon H) start in a run of rows. */
public enum WindowPlacement {
    /**
     * 0, S, 2S, … ≤ rows − T, and once more at rows − T when the last one falls short of it; a step whose H
     * targets do not all lie in the run carries no loss. A run shorter than T gives none (it is counted as
     * skipped).
     */
    COVER,
    /** 0, S, 2S, … while start + T + H ≤ rows, so every target lies in the run. */
    FORWARD,
    /** rows − T − H, rows − T − H − S, … ≥ 0: aligned to the run's end (its newest rows), newest first. */
    BACKWARD
}
