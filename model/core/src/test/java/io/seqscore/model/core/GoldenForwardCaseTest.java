package io.seqscore.model.core;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seqscore.model.core.math.KernelPath;
import org.junit.jupiter.api.Test;

/**
 * The forward harness on shapes the shared files do not have yet: stacked mixed layers, batch > 1 with
 * per-entry initial states, a split; values from {@link DoubleReference}. And it fails on a value off by
 * more than 1e-5.
 */
class GoldenForwardCaseTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 3;
    private static final int STEPS = 9;
    private static final int SPLIT = 4;

    private static NetworkSpec stackedSpec() {
        return new NetworkSpec(2, java.util.List.of(
                new LayerSpec(CellType.GRU_RESET_BEFORE, 2, 3),
                new LayerSpec(CellType.RNN_RELU, 3, 4),
                new LayerSpec(CellType.LSTM, 4, 5),
                new LayerSpec(CellType.GRU_RESET_AFTER, 5, 2),
                new LayerSpec(CellType.RNN_TANH, 2, 3)), 1, 1);
    }

    @Test
    void acceptsStackedBatchedFilesWithASplit() {
        ObjectNode file = synthetic(stackedSpec(), true);
        for (KernelPath path : KernelPaths.available()) {
            assertThatCode(() -> GoldenForwardCase.of("stacked", file).check(path)).doesNotThrowAnyException();
        }
    }

    @Test
    void acceptsUnbatchedShapes() {
        NetworkSpec spec = RandomNets.stack(2, 4, 1, 1, CellType.LSTM, CellType.GRU_RESET_BEFORE);
        ObjectNode file = synthetic(spec, false);
        for (KernelPath path : KernelPaths.available()) {
            assertThatCode(() -> GoldenForwardCase.of("plain", file).check(path)).doesNotThrowAnyException();
        }
    }

    @Test
    void failsOnAnOutputOffByMoreThanTheTolerance() {
        ObjectNode file = synthetic(stackedSpec(), true);
        ArrayNode h = (ArrayNode) file.get("layers").get(1).get("outputs").get("h").get(2).get(5);
        h.set(1, h.get(1).asDouble() + 3e-5);
        assertThatThrownBy(() -> GoldenForwardCase.of("stacked", file).check(KernelPath.SCALAR))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("stacked SCALAR batch 2 layer 1 outputs.h[5][1]: expected");
    }

    @Test
    void failsOnACarriedStateOffByMoreThanTheTolerance() {
        ObjectNode file = synthetic(stackedSpec(), true);
        ArrayNode c = (ArrayNode) file.get("split").get("second_half").get(2).get("final_state").get("c").get(0);
        c.set(4, c.get(4).asDouble() - 2e-5);
        assertThatThrownBy(() -> GoldenForwardCase.of("stacked", file).check(KernelPath.SCALAR))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("stacked SCALAR batch 0 split.second_half final_state layer 2 c[4]");
    }

    @Test
    void toleratesDifferencesWithinTheTolerance() {
        ObjectNode file = synthetic(stackedSpec(), true);
        ArrayNode out = (ArrayNode) file.get("output").get(1).get(3);
        out.set(0, out.get(0).asDouble() + 5e-6);
        assertThatCode(() -> GoldenForwardCase.of("stacked", file).check(KernelPath.SCALAR)).doesNotThrowAnyException();
    }

    /** A forward file for spec: random weights, inputs and initial states, expected values from DoubleReference. */
    private static ObjectNode synthetic(NetworkSpec spec, boolean batched) {
        int batch = batched ? BATCH : 1;
        float[] p = RandomNets.params(spec, 41);
        ObjectNode root = JSON.createObjectNode();
        root.put("schema", GoldenForwardCase.SCHEMA);
        root.put("batch", batch);
        root.put("input_size", spec.inputSize());
        ArrayNode layers = root.putArray("layers");
        for (int k = 0; k < spec.layerCount(); k++) {
            layers.add(layer(spec, k, p));
        }
        float[][][] xs = new float[batch][][];
        float[][] initial = new float[batch][];
        for (int b = 0; b < batch; b++) {
            xs[b] = RandomNets.inputs(STEPS, spec.inputSize(), 50 + b);
            initial[b] = RandomNets.state(spec, 60 + b);
        }
        root.set("x", batched ? JSON.valueToTree(xs) : JSON.valueToTree(xs[0]));

        double[][][] trace = new double[batch][STEPS + 1][]; // [b][t] state after t steps
        DoubleReference ref = new DoubleReference(spec, p);
        for (int b = 0; b < batch; b++) {
            double[] s = toDouble(initial[b]);
            trace[b][0] = s.clone();
            for (int t = 0; t < STEPS; t++) {
                ref.step(s, xs[b][t]);
                trace[b][t + 1] = s.clone();
            }
        }
        ArrayNode output = JSON.createArrayNode();
        for (int b = 0; b < batch; b++) {
            output.add(steps(spec, spec.layerCount() - 1, trace[b], 1, STEPS + 1, true));
        }
        root.set("output", batched ? output : output.get(0));
        for (int k = 0; k < spec.layerCount(); k++) {
            ObjectNode l = (ObjectNode) layers.get(k);
            l.set("initial_state", states(spec, k, trace, 0, batched));
            l.set("outputs", perStep(spec, k, trace, 1, STEPS + 1, batched));
            l.set("final_state", states(spec, k, trace, STEPS, batched));
        }
        ObjectNode split = root.putObject("split");
        split.put("split_at", SPLIT);
        ArrayNode first = split.putArray("first_half");
        ArrayNode second = split.putArray("second_half");
        for (int k = 0; k < spec.layerCount(); k++) {
            ObjectNode f = first.addObject();
            f.set("outputs", perStep(spec, k, trace, 1, SPLIT + 1, batched));
            f.set("final_state", states(spec, k, trace, SPLIT, batched));
            ObjectNode s = second.addObject();
            s.set("initial_state", states(spec, k, trace, SPLIT, batched));
            s.set("outputs", perStep(spec, k, trace, SPLIT + 1, STEPS + 1, batched));
            s.set("final_state", states(spec, k, trace, STEPS, batched));
        }
        return root;
    }

    private static ObjectNode layer(NetworkSpec spec, int k, float[] p) {
        LayerSpec l = spec.layer(k);
        ObjectNode node = JSON.createObjectNode();
        String[] gates;
        switch (l.cell()) {
            case LSTM -> {
                node.put("cell", "lstm");
                gates = new String[] {"i", "f", "c", "o"};
            }
            case GRU_RESET_AFTER, GRU_RESET_BEFORE -> {
                node.put("cell", "gru");
                node.put("reset_after", l.cell() == CellType.GRU_RESET_AFTER);
                gates = new String[] {"z", "r", "h"};
            }
            default -> {
                node.put("cell", "simple_rnn");
                node.put("activation", l.cell() == CellType.RNN_RELU ? "relu" : "tanh");
                gates = new String[] {"h"};
            }
        }
        node.put("input_size", l.inputSize());
        node.put("units", l.units());
        ObjectNode neutral = node.putObject("neutral");
        int u = l.units();
        int n = l.inputSize();
        for (int g = 0; g < gates.length; g++) {
            ObjectNode gate = neutral.putObject(gates[g]);
            float[][] w = new float[u][n];
            float[][] uu = new float[u][u];
            float[] b = new float[u];
            float[] bRec = new float[u];
            for (int i = 0; i < u; i++) {
                int row = g * u + i;
                System.arraycopy(p, spec.wOffset(k) + row * n, w[i], 0, n);
                System.arraycopy(p, spec.uOffset(k) + row * u, uu[i], 0, u);
                b[i] = p[spec.bOffset(k) + row];
                if (l.cell().hasRecurrentBias()) {
                    bRec[i] = p[spec.bRecOffset(k) + row];
                }
            }
            gate.set("W", JSON.valueToTree(w));
            gate.set("U", JSON.valueToTree(uu));
            gate.set("b", JSON.valueToTree(b));
            if (l.cell().hasRecurrentBias()) {
                gate.set("b_rec", JSON.valueToTree(bRec));
            }
        }
        return node;
    }

    private static JsonNode states(NetworkSpec spec, int k, double[][][] trace, int t, boolean batched) {
        ObjectNode st = JSON.createObjectNode();
        ArrayNode h = JSON.createArrayNode();
        ArrayNode c = JSON.createArrayNode();
        for (double[][] b : trace) {
            h.add(vector(b[t], spec.hOffset(k), spec.layer(k).units()));
            if (spec.cOffset(k) >= 0) {
                c.add(vector(b[t], spec.cOffset(k), spec.layer(k).units()));
            }
        }
        st.set("h", batched ? h : h.get(0));
        if (spec.cOffset(k) >= 0) {
            st.set("c", batched ? c : c.get(0));
        }
        return st;
    }

    private static JsonNode perStep(NetworkSpec spec, int k, double[][][] trace, int from, int to, boolean batched) {
        ObjectNode outputs = JSON.createObjectNode();
        ArrayNode h = JSON.createArrayNode();
        ArrayNode c = JSON.createArrayNode();
        for (double[][] b : trace) {
            h.add(steps(spec, k, b, from, to, true));
            if (spec.cOffset(k) >= 0) {
                c.add(steps(spec, k, b, from, to, false));
            }
        }
        outputs.set("h", batched ? h : h.get(0));
        if (spec.cOffset(k) >= 0) {
            outputs.set("c", batched ? c : c.get(0));
        }
        return outputs;
    }

    private static ArrayNode steps(NetworkSpec spec, int k, double[][] trace, int from, int to, boolean h) {
        ArrayNode rows = JSON.createArrayNode();
        for (int t = from; t < to; t++) {
            rows.add(vector(trace[t], h ? spec.hOffset(k) : spec.cOffset(k), spec.layer(k).units()));
        }
        return rows;
    }

    private static ArrayNode vector(double[] s, int off, int len) {
        ArrayNode a = JSON.createArrayNode();
        for (int i = 0; i < len; i++) {
            a.add((float) s[off + i]);
        }
        return a;
    }

    private static double[] toDouble(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
