package io.seqscore.model.bench;

import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import java.util.SplittableRandom;

/** Seeded weights and inputs for the inference benchmarks. */
final class BenchNets {
    private BenchNets() {
    }

    /** Weights uniform in ±1/√(inputs+units), biases and head in ±0.5. */
    static float[] params(NetworkSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] p = new float[spec.paramCount()];
        for (int i = 0; i < p.length; i++) {
            p[i] = (float) rnd.nextDouble(-0.5, 0.5);
        }
        for (int k = 0; k < spec.layerCount(); k++) {
            LayerSpec l = spec.layer(k);
            double scale = 1.0 / Math.sqrt(l.inputSize() + l.units());
            int weights = l.gateRows() * (l.inputSize() + l.units());
            for (int i = 0; i < weights; i++) {
                p[spec.wOffset(k) + i] = (float) rnd.nextDouble(-scale, scale);
            }
        }
        return p;
    }

    /** steps × inputSize values: a sine of period 24 per feature, phase-shifted, with noise of 0.1. */
    static float[][] sineInputs(int steps, int inputSize, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] xs = new float[steps][inputSize];
        for (int t = 0; t < steps; t++) {
            for (int i = 0; i < inputSize; i++) {
                xs[t][i] = (float) (Math.sin(2 * Math.PI * t / 24.0 + i) + rnd.nextGaussian() * 0.1);
            }
        }
        return xs;
    }
}
