package io.seqscore.app.demo;

/** What the {@link WorkflowGenerator} did to a normal session to make it anomalous. */
enum WorkflowAnomaly {
    /** A required step (add-to-cart, checkout, pay or confirm) left out. */
    SKIPPED_STEP,
    /** A step the workflow does not have ({@value WorkflowGenerator#UNKNOWN_STEP}) inserted. */
    UNKNOWN_STEP,
    /** Two neighbouring steps swapped. */
    WRONG_ORDER
}
