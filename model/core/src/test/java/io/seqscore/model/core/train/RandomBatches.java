package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.SplittableRandom;

/** Seeded random parameters and batches for the gradient and equivalence tests. */
final class RandomBatches {
    private RandomBatches() {
    }

    /** Every parameter uniform in [−scale, scale]. */
    static float[] params(NetworkSpec spec, long seed, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] p = new float[spec.paramCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) ((2 * r.nextDouble() - 1) * scale);
        }
        return p;
    }

    /** Inputs and targets uniform in [−1, 1], initial states in [−0.5, 0.5], mask weights 1, 0.5 or 0. */
    static Batch batch(NetworkSpec spec, Loss loss, int size, int steps, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        Batch batch = Batch.of(spec, loss, size, steps);
        fill(r, batch.inputs(), 1);
        fill(r, batch.targets(), 1);
        fill(r, batch.initialState(), 0.5);
        mask(r, batch.mask());
        return batch;
    }

    /** Mask weights 1, 0.5 or 0 (the last 1, so that the batch has a loss). */
    static void mask(SplittableRandom r, float[] mask) {
        for (int i = 0; i < mask.length; i++) {
            int k = r.nextInt(4);
            mask[i] = k == 0 ? 0f : k == 1 ? 0.5f : 1f;
        }
        mask[mask.length - 1] = 1f;
    }

    private static void fill(SplittableRandom r, float[] a, double scale) {
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) ((2 * r.nextDouble() - 1) * scale);
        }
    }
}
