package io.seqscore.model.bench;

import io.seqscore.model.core.math.VectorKernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The LSTM cell's σ ({@link VectorKernels#sigmoidInPlace}) against variants, by the thread's CPU time over the
 * gate rows of one LSTM step (4·hidden, then hidden for tanh(c)): "kernel" is model/core's; "two per loop" the same
 * lanes two vectors per iteration (same bits); "divide" 1/d by a division instead of the three Newton steps (other
 * bits in the last place). Prints CPU ns per step's σ (medians of 21 blocks, alternated) and, over 2^20 inputs, how
 * many results differ from the kernel's and by how much.
 * <pre>
 * java --add-modules jdk.incubator.vector -cp model/bench/target/benchmarks.jar \
 *      io.seqscore.model.bench.SigmoidVariantsCpuTime 16 64
 * </pre>
 */
public final class SigmoidVariantsCpuTime {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final float EXP_LO = -87f;
    private static final float EXP_HI = 40f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS_MINUS_BIAS = Float.floatToRawIntBits(ROUND) - 127;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    private static final int RECIPROCAL_MAGIC = 0x7EF311C3;
    private static final int BLOCKS = 21;
    private static final int STEPS = 50_000;
    private static final int WIDE = 1 << 20;

    private SigmoidVariantsCpuTime() {
    }

    public static void main(String[] args) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String arg : args.length == 0 ? new String[] {"16", "64"} : args) {
            int uPad = VectorKernels.padded(Integer.parseInt(arg));
            float[] inputs = new float[5 * uPad];
            SplittableRandom random = new SplittableRandom(5);
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = (float) random.nextDouble(-6, 6);
            }
            float[] a = new float[inputs.length];
            String[] names = {"kernel", "two per loop", "divide"};
            double[][] nanos = new double[names.length][BLOCKS];
            for (int b = -10; b < BLOCKS; b++) {
                for (int v = 0; v < names.length; v++) {
                    long start = threads.getCurrentThreadCpuTime();
                    for (int s = 0; s < STEPS; s++) {
                        System.arraycopy(inputs, 0, a, 0, a.length);
                        run(v, a, 0, 4 * uPad);
                        run(v, a, 4 * uPad, 5 * uPad);
                    }
                    if (b >= 0) {
                        nanos[v][b] = (threads.getCurrentThreadCpuTime() - start) / (double) STEPS;
                    }
                }
            }
            float[] wide = new float[WIDE];
            for (int i = 0; i < WIDE; i++) {
                wide[i] = (float) random.nextDouble(-20, 20);
            }
            float[] reference = wide.clone();
            VectorKernels.sigmoidInPlace(reference, 0, reference.length);
            System.out.printf(Locale.ROOT, "σ of one LSTM step, hidden %s (%d values), %d lanes, CPU ns (incl. copying"
                    + " the inputs):%n", arg, inputs.length, L);
            for (int v = 0; v < names.length; v++) {
                Arrays.sort(nanos[v]);
                float[] out = wide.clone();
                run(v, out, 0, out.length);
                float diff = 0;
                int differ = 0;
                for (int i = 0; i < out.length; i++) {
                    diff = Math.max(diff, Math.abs(out[i] - reference[i]));
                    differ += Float.floatToRawIntBits(out[i]) != Float.floatToRawIntBits(reference[i]) ? 1 : 0;
                }
                System.out.printf(Locale.ROOT, "  %-14s %6.1f  of %,d σ(x), x uniform in ±20: %,d differ from the"
                        + " kernel's, by at most %.3g%n", names[v], nanos[v][BLOCKS / 2], WIDE, differ, diff);
            }
        }
    }

    private static void run(int variant, float[] a, int from, int to) {
        switch (variant) {
            case 0 -> VectorKernels.sigmoidInPlace(a, from, to);
            case 1 -> twoPerLoop(a, from, to);
            default -> divide(a, from, to);
        }
    }

    private static void twoPerLoop(float[] a, int from, int to) {
        int i = from;
        for (; i + 2 * L <= to; i += 2 * L) {
            FloatVector v = FloatVector.fromArray(S, a, i).neg().max(EXP_LO).min(EXP_HI);
            FloatVector w = FloatVector.fromArray(S, a, i + L).neg().max(EXP_LO).min(EXP_HI);
            FloatVector tv = v.fma(LOG2E, ROUND);
            FloatVector tw = w.fma(LOG2E, ROUND);
            FloatVector kv = tv.sub(ROUND);
            FloatVector kw = tw.sub(ROUND);
            FloatVector rv = kv.fma(FloatVector.broadcast(S, -LN2_HI), v);
            FloatVector rw = kw.fma(FloatVector.broadcast(S, -LN2_HI), w);
            rv = kv.fma(FloatVector.broadcast(S, -LN2_LO), rv);
            rw = kw.fma(FloatVector.broadcast(S, -LN2_LO), rw);
            FloatVector pv = rv.fma(P0, P1);
            FloatVector pw = rw.fma(P0, P1);
            pv = pv.fma(rv, FloatVector.broadcast(S, P2));
            pw = pw.fma(rw, FloatVector.broadcast(S, P2));
            pv = pv.fma(rv, FloatVector.broadcast(S, P3));
            pw = pw.fma(rw, FloatVector.broadcast(S, P3));
            pv = pv.fma(rv, FloatVector.broadcast(S, P4));
            pw = pw.fma(rw, FloatVector.broadcast(S, P4));
            pv = pv.fma(rv, FloatVector.broadcast(S, P5));
            pw = pw.fma(rw, FloatVector.broadcast(S, P5));
            FloatVector ev = pv.fma(rv.mul(rv), rv).add(1f);
            FloatVector ew = pw.fma(rw.mul(rw), rw).add(1f);
            FloatVector twoKv = tv.reinterpretAsInts().sub(ROUND_BITS_MINUS_BIAS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector twoKw = tw.reinterpretAsInts().sub(ROUND_BITS_MINUS_BIAS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector dv = ev.fma(twoKv, FloatVector.broadcast(S, 1f));
            FloatVector dw = ew.fma(twoKw, FloatVector.broadcast(S, 1f));
            FloatVector mv = dv.neg();
            FloatVector mw = dw.neg();
            FloatVector yv = dv.reinterpretAsInts().neg().add(RECIPROCAL_MAGIC).reinterpretAsFloats();
            FloatVector yw = dw.reinterpretAsInts().neg().add(RECIPROCAL_MAGIC).reinterpretAsFloats();
            yv = yv.fma(mv.fma(yv, FloatVector.broadcast(S, 1f)), yv);
            yw = yw.fma(mw.fma(yw, FloatVector.broadcast(S, 1f)), yw);
            yv = yv.fma(mv.fma(yv, FloatVector.broadcast(S, 1f)), yv);
            yw = yw.fma(mw.fma(yw, FloatVector.broadcast(S, 1f)), yw);
            yv = yv.fma(mv.fma(yv, FloatVector.broadcast(S, 1f)), yv);
            yw = yw.fma(mw.fma(yw, FloatVector.broadcast(S, 1f)), yw);
            yv.intoArray(a, i);
            yw.intoArray(a, i + L);
        }
        if (i < to) {
            VectorKernels.sigmoidInPlace(a, i, to);
        }
    }

    private static void divide(float[] a, int from, int to) {
        for (int i = from; i < to; i += L) {
            FloatVector v = FloatVector.fromArray(S, a, i).neg().max(EXP_LO).min(EXP_HI);
            FloatVector t = v.fma(LOG2E, ROUND);
            FloatVector k = t.sub(ROUND);
            FloatVector r = k.fma(FloatVector.broadcast(S, -LN2_HI), v);
            r = k.fma(FloatVector.broadcast(S, -LN2_LO), r);
            FloatVector poly = r.fma(P0, P1);
            poly = poly.fma(r, FloatVector.broadcast(S, P2));
            poly = poly.fma(r, FloatVector.broadcast(S, P3));
            poly = poly.fma(r, FloatVector.broadcast(S, P4));
            poly = poly.fma(r, FloatVector.broadcast(S, P5));
            FloatVector expR = poly.fma(r.mul(r), r).add(1f);
            FloatVector twoK = t.reinterpretAsInts().sub(ROUND_BITS_MINUS_BIAS)
                    .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
            FloatVector d = expR.fma(twoK, FloatVector.broadcast(S, 1f));
            FloatVector.broadcast(S, 1f).div(d).intoArray(a, i);
        }
    }
}
