package io.seqscore.model.core;

/**
 * The cells of {@link CellType}'s javadoc written out once more, gate by gate in double precision,
 * independent of the kernels: the yardstick for cells that have no golden file.
 */
final class DoubleReference {
    private final NetworkSpec spec;
    private final float[] p;

    DoubleReference(NetworkSpec spec, float[] params) {
        this.spec = spec;
        this.p = params;
    }

    /** One step: updates s (state layout of the spec, in double) and returns the head's output. */
    double[] step(double[] s, float[] x) {
        double[] in = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = x[i];
        }
        for (int k = 0; k < spec.layerCount(); k++) {
            LayerSpec l = spec.layer(k);
            int u = l.units();
            int hOff = spec.hOffset(k);
            double[] h = new double[u];
            System.arraycopy(s, hOff, h, 0, u);
            double[] hNew = new double[u];
            double[] rh = new double[u];
            if (l.cell() == CellType.GRU_RESET_BEFORE) {
                for (int j = 0; j < u; j++) {
                    rh[j] = sigmoid(pre(k, 1, j, in, h)) * h[j];
                }
            }
            for (int i = 0; i < u; i++) {
                switch (l.cell()) {
                    case LSTM -> {
                        int cOff = spec.cOffset(k);
                        double ig = sigmoid(pre(k, 0, i, in, h));
                        double fg = sigmoid(pre(k, 1, i, in, h));
                        double gg = Math.tanh(pre(k, 2, i, in, h));
                        double og = sigmoid(pre(k, 3, i, in, h));
                        double c = fg * s[cOff + i] + ig * gg;
                        s[cOff + i] = c;
                        hNew[i] = og * Math.tanh(c);
                    }
                    case GRU_RESET_AFTER -> {
                        double z = sigmoid(inputPart(k, 0, i, in) + recurrentPart(k, 0, i, h) + p[spec.bRecOffset(k) + i]);
                        double r = sigmoid(inputPart(k, 1, i, in) + recurrentPart(k, 1, i, h) + p[spec.bRecOffset(k) + u + i]);
                        double hh = Math.tanh(inputPart(k, 2, i, in)
                                + r * (recurrentPart(k, 2, i, h) + p[spec.bRecOffset(k) + 2 * u + i]));
                        hNew[i] = z * h[i] + (1 - z) * hh;
                    }
                    case GRU_RESET_BEFORE -> {
                        double z = sigmoid(pre(k, 0, i, in, h));
                        double hh = Math.tanh(inputPart(k, 2, i, in) + recurrentPart(k, 2, i, rh));
                        hNew[i] = z * h[i] + (1 - z) * hh;
                    }
                    case RNN_TANH -> hNew[i] = Math.tanh(pre(k, 0, i, in, h));
                    case RNN_RELU -> hNew[i] = Math.max(0, pre(k, 0, i, in, h));
                }
            }
            System.arraycopy(hNew, 0, s, hOff, u);
            in = hNew;
        }
        int uL = spec.lastUnits();
        double[] out = new double[spec.outputSize()];
        for (int r = 0; r < out.length; r++) {
            double acc = p[spec.headBOffset() + r];
            for (int j = 0; j < uL; j++) {
                acc += (double) p[spec.headWOffset() + r * uL + j] * in[j];
            }
            out[r] = acc;
        }
        return out;
    }

    /** W_g[i]·x + U_g[i]·h + b_g[i]. */
    private double pre(int k, int gate, int i, double[] in, double[] h) {
        return inputPart(k, gate, i, in) + recurrentPart(k, gate, i, h);
    }

    /** W_g[i]·x + b_g[i]. */
    private double inputPart(int k, int gate, int i, double[] in) {
        LayerSpec l = spec.layer(k);
        int row = gate * l.units() + i;
        double acc = p[spec.bOffset(k) + row];
        for (int j = 0; j < l.inputSize(); j++) {
            acc += (double) p[spec.wOffset(k) + row * l.inputSize() + j] * in[j];
        }
        return acc;
    }

    /** U_g[i]·h. */
    private double recurrentPart(int k, int gate, int i, double[] h) {
        LayerSpec l = spec.layer(k);
        int row = gate * l.units() + i;
        double acc = 0;
        for (int j = 0; j < l.units(); j++) {
            acc += (double) p[spec.uOffset(k) + row * l.units() + j] * h[j];
        }
        return acc;
    }

    private static double sigmoid(double v) {
        return 1 / (1 + Math.exp(-v));
    }
}
