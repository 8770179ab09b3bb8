package io.seqscore.model.core.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import static io.seqscore.model.core.train.ActivationKernels.HI;
import static io.seqscore.model.core.train.ActivationKernels.LN2_HI;
import static io.seqscore.model.core.train.ActivationKernels.LN2_LO;
import static io.seqscore.model.core.train.ActivationKernels.LO;
import static io.seqscore.model.core.train.ActivationKernels.LOG2E;
import static io.seqscore.model.core.train.ActivationKernels.P0;
import static io.seqscore.model.core.train.ActivationKernels.P1;
import static io.seqscore.model.core.train.ActivationKernels.P2;
import static io.seqscore.model.core.train.ActivationKernels.P3;
import static io.seqscore.model.core.train.ActivationKernels.P4;
import static io.seqscore.model.core.train.ActivationKernels.P5;
import static io.seqscore.model.core.train.ActivationKernels.ROUNDER;
import static io.seqscore.model.core.train.ActivationKernels.ROUNDER_BITS;

/**
 * {@link ActivationKernels} on the JDK vector API: lane by lane the same operations as the scalar
 * functions; tails run the scalar ones. Loaded only when the module {@code jdk.incubator.vector} is present.
 */
final class VectorActivationKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final FloatVector ONE = FloatVector.broadcast(S, 1f);
    private static final FloatVector MINUS_LN2_HI = FloatVector.broadcast(S, -LN2_HI);
    private static final FloatVector MINUS_LN2_LO = FloatVector.broadcast(S, -LN2_LO);

    private VectorActivationKernels() {
    }

    static void sigmoid(float[] a, int off, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, off + i);
            ONE.div(expm1(x.neg()).add(2f)).intoArray(a, off + i);
        }
        for (; i < len; i++) {
            a[off + i] = ActivationKernels.sigmoid(a[off + i]);
        }
    }

    static void tanh(float[] src, int sOff, float[] dst, int dOff, int len) {
        int i = 0;
        for (; i + L <= len; i += L) {
            FloatVector x = FloatVector.fromArray(S, src, sOff + i);
            FloatVector m = expm1(x.abs().mul(-2f));
            FloatVector t = m.neg().div(m.add(2f));
            t.blend(t.neg(), x.lt(0f)).intoArray(dst, dOff + i);
        }
        for (; i < len; i++) {
            dst[dOff + i] = ActivationKernels.tanh(src[sOff + i]);
        }
    }

    private static FloatVector expm1(FloatVector x) {
        FloatVector v = x.max(LO).min(HI);
        FloatVector t = v.mul(LOG2E).add(ROUNDER);
        FloatVector n = t.sub(ROUNDER);
        FloatVector r = n.fma(MINUS_LN2_HI, v);
        r = n.fma(MINUS_LN2_LO, r);
        FloatVector p = FloatVector.broadcast(S, P0).fma(r, FloatVector.broadcast(S, P1));
        p = p.fma(r, FloatVector.broadcast(S, P2));
        p = p.fma(r, FloatVector.broadcast(S, P3));
        p = p.fma(r, FloatVector.broadcast(S, P4));
        p = p.fma(r, FloatVector.broadcast(S, P5));
        FloatVector q = p.fma(r.mul(r), r);
        FloatVector s = t.reinterpretAsInts().sub(ROUNDER_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return q.fma(s, s.sub(1f));
    }
}
