package io.seqscore.model.core.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A reference file of schema {@code rnn-golden-grad/1} (../shared/golden/README.md) read into our layouts:
 * the spec, the flat parameters and gradients mapped from the {@code neutral} per-gate layout, and the
 * batch (with an {@code embedding} block and {@code loss.kind} softmax_cross_entropy: a symbol network, x and y
 * the symbols' indices). Single-layer files carry {@code layer} and {@code weights.neutral.gates}; stacked ones a
 * {@code layers} list and per-layer gate maps ({@code gates} as a list, or a {@code layers} list of
 * {@code {gates}}); any other shape fails with a message naming the keys found.
 */
final class GoldenGradFile {
    static final String SCHEMA = "rnn-golden-grad/1";
    private static final ObjectMapper JSON = new ObjectMapper();

    final String name;
    final JsonNode root;
    final NetworkSpec spec;
    final Loss loss;
    final Batch batch;

    private GoldenGradFile(String name, JsonNode root) {
        this.name = name;
        this.root = root;
        this.spec = parseSpec(root);
        this.loss = parseLoss(root);
        this.batch = parseBatch(root, spec, loss);
    }

    /** MSE, or the softmax cross-entropy of a file whose {@code loss.kind} is {@code softmax_cross_entropy}. */
    private static Loss parseLoss(JsonNode root) {
        String kind = root.path("loss").path("kind").asText("mse");
        return switch (kind) {
            case "mse" -> Loss.MSE;
            case "softmax_cross_entropy" -> SoftmaxCrossEntropyLoss.INSTANCE;
            default -> throw new IllegalArgumentException("unknown loss kind '" + kind + "'");
        };
    }

    static GoldenGradFile read(Path file) throws IOException {
        return new GoldenGradFile(file.getFileName().toString(), JSON.readTree(file.toFile()));
    }

    static GoldenGradFile parse(String name, String json) throws IOException {
        return new GoldenGradFile(name, JSON.readTree(json));
    }

    /** The *.json files of schema rnn-golden-grad/1 in {@code dir}, sorted by name. */
    static List<Path> files(Path dir) throws IOException {
        List<Path> result = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                if (p.getFileName().toString().endsWith(".json") && SCHEMA.equals(JSON.readTree(p.toFile()).path("schema").asText())) {
                    result.add(p);
                }
            }
        }
        return result;
    }

    /** Parameters (or gradients) in our flat layout from a {@code neutral} object of this file. */
    float[] flat(JsonNode neutral, String what) {
        if (neutral == null || neutral.isMissingNode()) {
            throw new IllegalArgumentException(what + ": no 'neutral' object");
        }
        float[] p = new float[spec.paramCount()];
        List<JsonNode> layers = layerGates(neutral, spec.layerCount(), what);
        for (int k = 0; k < spec.layerCount(); k++) {
            LayerSpec l = spec.layer(k);
            String[] names = gateNames(l.cell());
            int u = l.units();
            int n = l.inputSize();
            for (int g = 0; g < names.length; g++) {
                JsonNode gate = gate(layers.get(k), names, g, what + " layer " + k);
                copyMatrix(gate.get("W"), u, n, p, spec.wOffset(k) + g * u * n, what + " layer " + k + " " + names[g] + ".W");
                copyMatrix(gate.get("U"), u, u, p, spec.uOffset(k) + g * u * u, what + " layer " + k + " " + names[g] + ".U");
                copyVector(gate.get("b"), u, p, spec.bOffset(k) + g * u, what + " layer " + k + " " + names[g] + ".b");
                if (l.cell().hasRecurrentBias()) {
                    copyVector(gate.get("b_rec"), u, p, spec.bRecOffset(k) + g * u, what + " layer " + k + " " + names[g] + ".b_rec");
                }
            }
        }
        JsonNode dense = neutral.has("dense") ? neutral.get("dense") : neutral.get("head");
        if (dense == null) {
            throw new IllegalArgumentException(what + ": no 'dense' (or 'head') object among " + keys(neutral));
        }
        copyMatrix(dense.get("W"), spec.outputSize(), spec.lastUnits(), p, spec.headWOffset(), what + " dense.W");
        copyVector(dense.get("b"), spec.outputSize(), p, spec.headBOffset(), what + " dense.b");
        if (spec.hasEmbedding()) {
            copyMatrix(neutral.get("embedding"), spec.embeddingRows(), spec.embeddingDim(), p, spec.embeddingOffset(),
                    what + " embedding");
        }
        return p;
    }

    private static List<JsonNode> layerGates(JsonNode neutral, int count, String what) {
        List<JsonNode> result = new ArrayList<>();
        JsonNode list = neutral.has("layers") ? neutral.get("layers") : neutral.get("gates");
        if (list != null && list.isArray()) {
            list.forEach(e -> result.add(gatesOf(e)));
        } else if (list != null && list.isObject() && isGateMap(list)) {
            result.add(list);
        } else if (list != null && list.isObject()) {
            list.forEach(e -> result.add(gatesOf(e)));
        }
        if (result.size() != count || result.stream().anyMatch(g -> g == null || !isGateMap(g))) {
            throw new IllegalArgumentException(what + ": cannot find " + count + " layer(s) of gates (W, U, b per gate) in "
                    + "'neutral' with keys " + keys(neutral) + (list == null ? "" : ", 'gates'/'layers' keys " + keys(list)));
        }
        return result;
    }

    private static JsonNode gatesOf(JsonNode e) {
        if (e.has("gates")) {
            return e.get("gates");
        }
        if (e.has("neutral")) {
            return gatesOf(e.get("neutral"));
        }
        return e;
    }

    private static boolean isGateMap(JsonNode node) {
        if (!node.isObject() || node.isEmpty()) {
            return false;
        }
        for (JsonNode g : node) {
            if (!g.isObject() || !g.has("W") || !g.has("U")) {
                return false;
            }
        }
        return true;
    }

    private static JsonNode gate(JsonNode gates, String[] names, int g, String where) {
        JsonNode gate = gates.get(names[g]);
        if (gate == null && names[g].equals("c")) {
            gate = gates.get("g");
        }
        if (gate == null && gates.size() == names.length && names.length == 1) {
            gate = gates.elements().next();
        }
        if (gate == null) {
            throw new IllegalArgumentException(where + ": no gate '" + names[g] + "' among " + keys(gates));
        }
        return gate;
    }

    private static String[] gateNames(CellType cell) {
        return switch (cell) {
            case LSTM -> new String[] {"i", "f", "c", "o"};
            case GRU_RESET_AFTER, GRU_RESET_BEFORE -> new String[] {"z", "r", "h"};
            case RNN_TANH, RNN_RELU -> new String[] {"h"};
        };
    }

    private static NetworkSpec parseSpec(JsonNode root) {
        List<JsonNode> layerNodes = new ArrayList<>();
        if (root.path("layers").isArray()) {
            root.get("layers").forEach(layerNodes::add);
        } else if (root.path("layer").isObject()) {
            layerNodes.add(root.get("layer"));
        } else {
            throw new IllegalArgumentException("neither 'layers' nor 'layer' among " + keys(root));
        }
        JsonNode gates = root.path("weights").path("neutral");
        int inputSize = lastDim(root.get("x"), "x");
        List<LayerSpec> layers = new ArrayList<>();
        int in = inputSize;
        for (int k = 0; k < layerNodes.size(); k++) {
            JsonNode l = layerNodes.get(k);
            String cell = l.has("cell") ? l.get("cell").asText() : root.path("cell").asText();
            JsonNode topUnits = root.path("units");
            int units = l.path("units").asInt(topUnits.isArray() ? topUnits.path(k).asInt(0) : topUnits.asInt(0));
            if (units < 1) {
                throw new IllegalArgumentException("layer " + k + " has no 'units' (nor has the file a units list)");
            }
            int inputs = l.path("input_size").asInt(in);
            layers.add(new LayerSpec(cellType(cell, l, gates, k, layerNodes.size()), inputs, units));
            in = units;
        }
        if (root.has("embedding")) {
            int vocabulary = root.get("embedding").get("vocabulary").asInt();
            return NetworkSpec.embedded(vocabulary, layers, 1, vocabulary);
        }
        int outputDim = lastDim(root.get("y"), "y");
        return new NetworkSpec(inputSize, layers, 1, outputDim);
    }

    private static CellType cellType(String cell, JsonNode layer, JsonNode neutral, int k, int count) {
        switch (cell.toLowerCase()) {
            case "lstm":
                return CellType.LSTM;
            case "gru": {
                boolean after;
                if (layer.has("reset_after")) {
                    after = layer.get("reset_after").asBoolean();
                } else {
                    JsonNode g = layerGates(neutral, count, "gru layer " + k).get(k);
                    after = g.elements().next().has("b_rec");
                }
                return after ? CellType.GRU_RESET_AFTER : CellType.GRU_RESET_BEFORE;
            }
            case "simple_rnn":
            case "simplernn":
            case "rnn": {
                String act = layer.path("activation").asText("tanh");
                if (act.equals("tanh")) {
                    return CellType.RNN_TANH;
                }
                if (act.equals("relu")) {
                    return CellType.RNN_RELU;
                }
                throw new IllegalArgumentException("layer " + k + ": unknown simple_rnn activation '" + act + "'");
            }
            default:
                throw new IllegalArgumentException("layer " + k + ": unknown cell '" + cell + "'");
        }
    }

    private static Batch parseBatch(JsonNode root, NetworkSpec spec, Loss loss) {
        JsonNode x = root.get("x");
        JsonNode y = root.get("y");
        int b = x.size();
        int t = x.get(0).size();
        if (y.size() != b || y.get(0).size() != t || lastDim(x, "x") != spec.inputSize()) {
            throw new IllegalArgumentException("x and y must be [B][T][n] and [B][T][D] of the same B and T");
        }
        Batch batch = Batch.of(spec, loss, b, t);
        fill3(x, batch.inputs());
        fill3(y, batch.targets());
        List<JsonNode> layerNodes = new ArrayList<>();
        if (root.path("layers").isArray()) {
            root.get("layers").forEach(layerNodes::add);
        } else {
            layerNodes.add(root.get("layer"));
        }
        for (int k = 0; k < spec.layerCount(); k++) {
            JsonNode init = layerNodes.get(k).path("initial_state");
            int u = spec.layer(k).units();
            for (int row = 0; row < b; row++) {
                int off = row * spec.stateSize();
                if (init.has("h")) {
                    copyState(init.get("h"), row, u, batch.initialState(), off + spec.hOffset(k));
                }
                if (init.has("c") && spec.cOffset(k) >= 0) {
                    copyState(init.get("c"), row, u, batch.initialState(), off + spec.cOffset(k));
                }
            }
        }
        return batch;
    }

    /** A state given either once ([u], shared by every row) or per row ([B][u]). */
    private static void copyState(JsonNode v, int row, int u, float[] dst, int off) {
        JsonNode src = v.size() > 0 && v.get(0).isArray() ? v.get(row) : v;
        copyVector(src, u, dst, off, "initial state");
    }

    private static int lastDim(JsonNode a, String what) {
        if (a == null || !a.isArray() || !a.get(0).isArray() || !a.get(0).get(0).isArray()) {
            throw new IllegalArgumentException("'" + what + "' must be [B][T][n]");
        }
        return a.get(0).get(0).size();
    }

    private static void fill3(JsonNode a, float[] dst) {
        int i = 0;
        for (JsonNode row : a) {
            for (JsonNode step : row) {
                for (JsonNode v : step) {
                    dst[i++] = (float) v.asDouble();
                }
            }
        }
        if (i != dst.length) {
            throw new IllegalArgumentException("ragged array: " + i + " values for " + dst.length);
        }
    }

    private static void copyMatrix(JsonNode m, int rows, int cols, float[] dst, int off, String what) {
        if (m == null || m.size() != rows) {
            throw new IllegalArgumentException(what + ": expected " + rows + " rows, got " + (m == null ? "none" : m.size()));
        }
        for (int r = 0; r < rows; r++) {
            copyVector(m.get(r), cols, dst, off + r * cols, what + "[" + r + "]");
        }
    }

    private static void copyVector(JsonNode v, int len, float[] dst, int off, String what) {
        if (v == null || v.size() != len) {
            throw new IllegalArgumentException(what + ": expected " + len + " values, got " + (v == null ? "none" : v.size()));
        }
        for (int i = 0; i < len; i++) {
            dst[off + i] = (float) v.get(i).asDouble();
        }
    }

    static List<String> keys(JsonNode node) {
        List<String> k = new ArrayList<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                k.add(e.getKey());
            }
        } else if (node.isArray()) {
            k.add("[" + node.size() + " elements]");
        }
        return k;
    }
}
