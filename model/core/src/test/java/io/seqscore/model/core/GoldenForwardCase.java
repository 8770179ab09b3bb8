package io.seqscore.model.core;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqscore.model.core.math.KernelPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One file of schema {@code rnn-golden-forward/1} read into a {@link NetworkSpec} (with a zero H=1 D=1
 * head) and the expected states, and checked against a {@link Network}.
 *
 * <p>Shapes: x is [T][in] or [B][T][in]; every per-step array gains the leading [B] in the batched
 * form, every state vector ([u]) too, and a state vector without it is shared by the whole batch.
 * Per layer: {@code neutral} weights (per gate W [u][n], U [u][u], b [u], b_rec [u] for GRU reset-after),
 * {@code initial_state}, {@code outputs} (state after x[t]), {@code final_state}; top-level {@code output}
 * is the last layer's h; {@code split} runs x in two halves with the state carried.
 */
final class GoldenForwardCase {
    static final String SCHEMA = "rnn-golden-forward/1";
    static final double TOLERANCE = 1e-5;

    private final String name;
    private final JsonNode root;
    private final NetworkSpec spec;
    private final float[] params;
    private final int batch;
    private final float[][][] xs;

    private GoldenForwardCase(String name, JsonNode root) {
        this.name = name;
        this.root = root;
        JsonNode layerNodes = require(root, "layers");
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < layerNodes.size(); k++) {
            JsonNode l = layerNodes.get(k);
            layers.add(new LayerSpec(cell(root, l, k), require(l, "input_size").asInt(), require(l, "units").asInt()));
        }
        this.spec = new NetworkSpec(require(root, "input_size").asInt(), layers, 1, 1);
        this.params = new float[spec.paramCount()];
        for (int k = 0; k < layers.size(); k++) {
            fillLayer(k, require(layerNodes.get(k), "neutral"));
        }
        JsonNode x = require(root, "x");
        this.batch = depth(x) == 3 ? x.size() : 1;
        if (root.has("batch") && root.get("batch").asInt() != batch) {
            throw new IllegalArgumentException(name + ": batch " + root.get("batch").asInt() + " but x holds " + batch);
        }
        this.xs = new float[batch][][];
        for (int b = 0; b < batch; b++) {
            xs[b] = matrix(perBatch(x, b, 2));
        }
    }

    static boolean isForwardFile(JsonNode root) {
        return SCHEMA.equals(root.path("schema").asText());
    }

    static GoldenForwardCase of(String name, JsonNode root) {
        return new GoldenForwardCase(name, root);
    }

    NetworkSpec spec() {
        return spec;
    }

    /** Runs every batch entry on the given path and throws AssertionError at the first value off by more than 1e-5. */
    void check(KernelPath path) {
        Network net = Network.of(spec, params, path);
        JsonNode layerNodes = root.get("layers");
        for (int b = 0; b < batch; b++) {
            String at = name + " " + path + " batch " + b;
            float[] initial = state(layerNodes, "initial_state", b);
            float[] s = initial.clone();
            run(net, s, xs[b], 0, xs[b].length, layerNodes, at, b);
            checkStates(at + " final_state", layerNodes, "final_state", b, s);

            float[] whole = initial.clone();
            net.forward(whole, xs[b], new float[xs[b].length][1]);
            if (!Arrays.equals(whole, s)) {
                throw new AssertionError(at + ": forward over the sequence differs from stepping it");
            }
            if (root.has("split")) {
                checkSplit(net, initial, at, b);
            }
        }
    }

    private void checkSplit(Network net, float[] initial, String at, int b) {
        JsonNode split = root.get("split");
        int half = require(split, "split_at").asInt();
        JsonNode first = require(split, "first_half");
        JsonNode second = require(split, "second_half");
        float[] s = initial.clone();
        run(net, s, xs[b], 0, half, first, at + " split.first_half", b);
        checkStates(at + " split.first_half final_state", first, "final_state", b, s);
        checkStates(at + " split.second_half initial_state", second, "initial_state", b, s);
        run(net, s, xs[b], half, xs[b].length, second, at + " split.second_half", b);
        checkStates(at + " split.second_half final_state", second, "final_state", b, s);

        float[] given = state(second, "initial_state", b);
        run(net, given, xs[b], half, xs[b].length, second, at + " split.second_half from its initial_state", b);
    }

    /** Steps x[from..to) and checks each layer's outputs (indexed from 0 at {@code from}) and the top-level output. */
    private void run(Network net, float[] s, float[][] x, int from, int to, JsonNode layerNodes, String at, int b) {
        float[] out = new float[1];
        boolean topLevel = layerNodes == root.get("layers") && root.has("output");
        for (int t = from; t < to; t++) {
            net.step(s, x[t], out);
            for (int k = 0; k < spec.layerCount(); k++) {
                JsonNode outputs = layerNodes.get(k).path("outputs");
                int u = spec.layer(k).units();
                if (outputs.has("h")) {
                    assertClose(at + " layer " + k + " outputs.h[" + (t - from) + "]",
                            vector(perBatch(outputs.get("h"), b, 2).get(t - from)), s, spec.hOffset(k), u);
                }
                if (outputs.has("c")) {
                    assertClose(at + " layer " + k + " outputs.c[" + (t - from) + "]",
                            vector(perBatch(outputs.get("c"), b, 2).get(t - from)), s, spec.cOffset(k), u);
                }
            }
            if (topLevel) {
                int last = spec.layerCount() - 1;
                assertClose(at + " output[" + t + "]", vector(perBatch(root.get("output"), b, 2).get(t)),
                        s, spec.hOffset(last), spec.layer(last).units());
            }
        }
    }

    private void checkStates(String at, JsonNode layerNodes, String key, int b, float[] s) {
        for (int k = 0; k < spec.layerCount(); k++) {
            JsonNode st = layerNodes.get(k).path(key);
            int u = spec.layer(k).units();
            if (st.has("h")) {
                assertClose(at + " layer " + k + " h", vector(perBatch(st.get("h"), b, 1)), s, spec.hOffset(k), u);
            }
            if (st.has("c")) {
                assertClose(at + " layer " + k + " c", vector(perBatch(st.get("c"), b, 1)), s, spec.cOffset(k), u);
            }
        }
    }

    /** The state (h, c of every layer) that layerNodes[k].key gives for batch entry b; absent vectors are zero. */
    private float[] state(JsonNode layerNodes, String key, int b) {
        float[] s = new float[spec.stateSize()];
        for (int k = 0; k < spec.layerCount(); k++) {
            JsonNode st = layerNodes.get(k).path(key);
            if (st.has("h")) {
                copy(vector(perBatch(st.get("h"), b, 1)), s, spec.hOffset(k), spec.layer(k).units(), key + ".h");
            }
            if (st.has("c") && spec.cOffset(k) >= 0) {
                copy(vector(perBatch(st.get("c"), b, 1)), s, spec.cOffset(k), spec.layer(k).units(), key + ".c");
            }
        }
        return s;
    }

    private void fillLayer(int k, JsonNode neutral) {
        LayerSpec l = spec.layer(k);
        int u = l.units();
        int n = l.inputSize();
        String[] gates = gateNames(l.cell());
        for (int g = 0; g < gates.length; g++) {
            JsonNode gate = neutral.has(gates[g]) ? neutral.get(gates[g]) : neutral.get("g");
            if (gate == null) {
                throw new IllegalArgumentException(name + ": layer " + k + " has no gate " + gates[g]);
            }
            float[][] w = matrix(require(gate, "W"));
            float[][] uu = matrix(require(gate, "U"));
            check(w.length == u && w[0].length == n, "layer " + k + " gate " + gates[g] + " W is not [" + u + "][" + n + "]");
            check(uu.length == u && uu[0].length == u, "layer " + k + " gate " + gates[g] + " U is not [" + u + "][" + u + "]");
            for (int i = 0; i < u; i++) {
                int row = g * u + i;
                System.arraycopy(w[i], 0, params, spec.wOffset(k) + row * n, n);
                System.arraycopy(uu[i], 0, params, spec.uOffset(k) + row * u, u);
            }
            if (gate.has("b")) {
                copy(vector(gate.get("b")), params, spec.bOffset(k) + g * u, u, "layer " + k + " b");
            }
            if (l.cell().hasRecurrentBias() && gate.has("b_rec")) {
                copy(vector(gate.get("b_rec")), params, spec.bRecOffset(k) + g * u, u, "layer " + k + " b_rec");
            }
        }
    }

    private static String[] gateNames(CellType cell) {
        switch (cell) {
            case LSTM:
                return new String[] {"i", "f", "c", "o"};
            case GRU_RESET_AFTER:
            case GRU_RESET_BEFORE:
                return new String[] {"z", "r", "h"};
            default:
                return new String[] {"h"};
        }
    }

    private CellType cell(JsonNode root, JsonNode l, int k) {
        String cell = (l.has("cell") ? l.get("cell") : require(root, "cell")).asText().toLowerCase(Locale.ROOT);
        String activation = (l.has("activation") ? l.get("activation") : root.path("activation")).asText("tanh");
        String recurrent = l.path("recurrent_activation").asText("sigmoid");
        switch (cell) {
            case "lstm":
                requireActivations(k, activation, recurrent);
                return CellType.LSTM;
            case "gru":
                requireActivations(k, activation, recurrent);
                JsonNode resetAfter = l.has("reset_after") ? l.get("reset_after") : root.get("reset_after");
                boolean after = resetAfter != null ? resetAfter.asBoolean()
                        : l.path("neutral").path("z").has("b_rec");
                return after ? CellType.GRU_RESET_AFTER : CellType.GRU_RESET_BEFORE;
            case "simple_rnn":
            case "rnn":
                if (activation.equals("tanh")) {
                    return CellType.RNN_TANH;
                }
                if (activation.equals("relu")) {
                    return CellType.RNN_RELU;
                }
                throw new IllegalArgumentException(name + ": layer " + k + " has unsupported activation " + activation);
            default:
                throw new IllegalArgumentException(name + ": layer " + k + " has unknown cell " + cell);
        }
    }

    private void requireActivations(int k, String activation, String recurrent) {
        check(activation.equals("tanh") && recurrent.equals("sigmoid"),
                "layer " + k + " uses activation " + activation + " / " + recurrent + ", not tanh / sigmoid");
    }

    /** node without its batch axis: node[b] when node has {@code depth + 1} levels, else node itself. */
    private JsonNode perBatch(JsonNode node, int b, int depth) {
        int d = depth(node);
        if (d == depth + 1) {
            return node.get(b);
        }
        check(d == depth, "array of depth " + d + " where " + depth + " or " + (depth + 1) + " was expected");
        return node;
    }

    private static int depth(JsonNode node) {
        int d = 0;
        for (JsonNode n = node; n != null && n.isArray(); n = n.size() > 0 ? n.get(0) : null) {
            d++;
        }
        return d;
    }

    private static float[][] matrix(JsonNode node) {
        float[][] m = new float[node.size()][];
        for (int i = 0; i < m.length; i++) {
            m[i] = vector(node.get(i));
        }
        return m;
    }

    private static float[] vector(JsonNode node) {
        float[] v = new float[node.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) node.get(i).asDouble();
        }
        return v;
    }

    private void copy(float[] src, float[] dst, int off, int len, String what) {
        check(src.length == len, what + " has " + src.length + " values, expected " + len);
        System.arraycopy(src, 0, dst, off, len);
    }

    private JsonNode require(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v == null) {
            throw new IllegalArgumentException(name + ": missing field " + field);
        }
        return v;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(name + ": " + message);
        }
    }

    private static void assertClose(String what, float[] expected, float[] actual, int off, int len) {
        if (expected.length != len) {
            throw new AssertionError(what + ": file has " + expected.length + " values, network " + len);
        }
        for (int i = 0; i < len; i++) {
            double diff = Math.abs((double) expected[i] - actual[off + i]);
            if (!(diff <= TOLERANCE)) {
                throw new AssertionError(String.format(Locale.ROOT, "%s[%d]: expected %.9g, got %.9g (|diff| %.3g > %.0e)",
                        what, i, expected[i], actual[off + i], diff, TOLERANCE));
            }
        }
    }
}
