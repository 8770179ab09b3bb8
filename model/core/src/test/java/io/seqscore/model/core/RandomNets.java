package io.seqscore.model.core;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Seeded random networks and inputs for tests: weights uniform in ±1/√(inputs+units), biases in ±0.5. */
final class RandomNets {
    private RandomNets() {
    }

    static NetworkSpec stack(int inputSize, int units, int horizon, int outputDim, CellType... cells) {
        List<LayerSpec> layers = new ArrayList<>();
        int n = inputSize;
        for (CellType cell : cells) {
            layers.add(new LayerSpec(cell, n, units));
            n = units;
        }
        return new NetworkSpec(inputSize, layers, horizon, outputDim);
    }

    static float[] params(NetworkSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] p = new float[spec.paramCount()];
        for (int k = 0; k < spec.layerCount(); k++) {
            LayerSpec l = spec.layer(k);
            double scale = 1.0 / Math.sqrt(l.inputSize() + l.units());
            fill(p, spec.wOffset(k), l.gateRows() * l.inputSize(), scale, rnd);
            fill(p, spec.uOffset(k), l.gateRows() * l.units(), scale, rnd);
            fill(p, spec.bOffset(k), l.gateRows(), 0.5, rnd);
            if (spec.bRecOffset(k) >= 0) {
                fill(p, spec.bRecOffset(k), l.gateRows(), 0.5, rnd);
            }
        }
        fill(p, spec.headWOffset(), spec.outputSize() * spec.lastUnits(), 1.0 / Math.sqrt(spec.lastUnits()), rnd);
        fill(p, spec.headBOffset(), spec.outputSize(), 0.5, rnd);
        return p;
    }

    static float[][] inputs(int steps, int inputSize, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[][] xs = new float[steps][inputSize];
        for (float[] x : xs) {
            for (int i = 0; i < inputSize; i++) {
                x[i] = (float) rnd.nextDouble(-2, 2);
            }
        }
        return xs;
    }

    /** A state as a key might carry it: h in (−1, 1), c in (−3, 3). */
    static float[] state(NetworkSpec spec, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] s = new float[spec.stateSize()];
        for (int k = 0; k < spec.layerCount(); k++) {
            int u = spec.layer(k).units();
            fill(s, spec.hOffset(k), u, 1.0, rnd);
            if (spec.cOffset(k) >= 0) {
                fill(s, spec.cOffset(k), u, 3.0, rnd);
            }
        }
        return s;
    }

    private static void fill(float[] a, int off, int len, double scale, SplittableRandom rnd) {
        for (int i = 0; i < len; i++) {
            a[off + i] = (float) rnd.nextDouble(-scale, scale);
        }
    }
}
