package io.seqscore.model.core;

import io.seqscore.model.core.math.KernelPath;

/** One kernel path's implementation of a network step; immutable once built. */
interface StepEngine {
    KernelPath path();

    Workspace.Shape workspaceShape();

    /** Updates state in place and writes the head's H·D outputs; arguments already checked. */
    void step(float[] state, float[] x, float[] out, Workspace ws);
}
