package io.seqscore.app.perf;

import io.seqscore.avro.Architecture;
import io.seqscore.avro.Calibration;
import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.Head;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.Provenance;
import io.seqscore.avro.ScaleEstimator;
import io.seqscore.avro.ScoreStatistic;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.SoftmaxHead;
import io.seqscore.model.core.features.SymbolFeatures;
import io.seqscore.model.core.train.WeightInit;
import io.seqscore.trainer.release.ReleaseBuilder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The model perf publishes: an architecture (cell, hidden units, layers, the workload's value dimension,
 * a one-step forecast head) with the trainer's initial weights ({@link WeightInit}, seeded by the version,
 * so each release of a swap differs), a global normalizer (mean 0, std 1: the workload's sines need none)
 * and a Gaussian calibration (scale 1, threshold 0.999, warm-up 10) under which the untrained forecasts
 * are rarely flagged. The scorer does the same work per event whatever the weights are.
 * <p>
 * With {@code symbols} > 0 it is a categorical (next-symbol) model instead: features SYMBOLS over the
 * vocabulary {@link Workload#symbol s0 … s(symbols−1)} (plus the unknown slot), an embedding of
 * {@value #EMBEDDING} values, the layers, a softmax head, and a threshold on 1 − p of 0.999, as the
 * trainer's {@code SessionRelease} builds it.
 *
 * @param symbols 0: a model of the events' values; otherwise the vocabulary's size (without the unknown slot)
 */
record PerfModel(String name, CellType cell, int input, int hidden, int layers, int symbols) {
    static final double THRESHOLD = 0.999;
    static final int WARMUP = 10;
    static final int EMBEDDING = 16;

    PerfModel(String name, CellType cell, int input, int hidden, int layers) {
        this(name, cell, input, hidden, layers, 0);
    }

    /** A next-symbol model over {@code symbols} symbols (one input per event: the symbol's index). */
    static PerfModel categorical(String name, CellType cell, int hidden, int layers, int symbols) {
        if (symbols < 1) {
            throw new IllegalArgumentException("a categorical model needs at least one symbol");
        }
        return new PerfModel(name, cell, 1, hidden, layers, symbols);
    }

    boolean isCategorical() {
        return symbols > 0;
    }

    NetworkSpec spec() {
        if (!isCategorical()) {
            return NetworkSpec.uniform(cell, input, hidden, layers);
        }
        List<LayerSpec> stack = new ArrayList<>();
        for (int k = 0; k < layers; k++) {
            stack.add(new LayerSpec(cell, k == 0 ? EMBEDDING : hidden, hidden));
        }
        return NetworkSpec.embedded(symbols + 1, stack, 1, symbols + 1);
    }

    /** "LSTM hidden 64, input 1, 1 layer" or "LSTM hidden 64, 32 symbols, 1 layer" */
    String describe() {
        return cell + " hidden " + hidden + ", " + (isCategorical() ? symbols + " symbols" : "input " + input) + ", "
                + layers + (layers == 1 ? " layer" : " layers");
    }

    ModelRelease release(long version, long seed) {
        NetworkSpec spec = spec();
        float[] params = WeightInit.initialize(spec, seed + version);
        ModelRelease.Builder release = ModelRelease.newBuilder()
                .setName(name)
                .setVersion(version)
                .setCreatedAt(Instant.now())
                .setArchitecture(ReleaseBuilder.architecture(spec))
                .setWeights(ReleaseBuilder.tensors(spec, params))
                .setNormalizer(Normalizer.newBuilder().setMode(NormalizerMode.GLOBAL)
                        .setMean(new ArrayList<>(Collections.nCopies(input, 0f)))
                        .setStd(new ArrayList<>(Collections.nCopies(input, 1f)))
                        .setPerKey(new ArrayList<>()).build())
                .setProvenance(Provenance.newBuilder().setSource("seqscore perf").setSeed(seed + version).build());
        return isCategorical() ? categorical(release, spec) : release.setCalibration(gaussian(spec.outputSize())).build();
    }

    private static Calibration gaussian(int out) {
        return Calibration.newBuilder()
                .setCenter(new ArrayList<>(Collections.nCopies(out, 0.0)))
                .setScale(new ArrayList<>(Collections.nCopies(out, 1.0)))
                .setScoreQuantiles(new ArrayList<>())
                .setThreshold(THRESHOLD)
                .setIntervalLower(new ArrayList<>(Collections.nCopies(out, -1.96)))
                .setIntervalUpper(new ArrayList<>(Collections.nCopies(out, 1.96)))
                .setWarmupSteps(WARMUP)
                .build();
    }

    private ModelRelease categorical(ModelRelease.Builder release, NetworkSpec spec) {
        int v = symbols + 1;
        List<Double> zeros = new ArrayList<>(Collections.nCopies(v, 0.0));
        Architecture architecture = ReleaseBuilder.architecture(spec);
        architecture.setHead(Head.newBuilder().setKind(SoftmaxHead.KIND).setParameters(new ArrayList<>()).build());
        List<String> vocabulary = new ArrayList<>();
        for (int s = 0; s < symbols; s++) {
            vocabulary.add(Workload.symbol(s));
        }
        return release
                .setArchitecture(architecture)
                .setCalibration(Calibration.newBuilder()
                        .setCenter(zeros).setScale(new ArrayList<>(Collections.nCopies(v, 1.0)))
                        .setScaleEstimator(ScaleEstimator.MAD).setStatistic(ScoreStatistic.MAX_ABS)
                        .setScoreQuantiles(new ArrayList<>()).setThreshold(THRESHOLD).setIntervalCoverage(0.5)
                        .setIntervalLower(zeros).setIntervalUpper(zeros).setWarmupSteps(0).build())
                .setFeatures(InputFeatures.newBuilder().setKind(FeatureKind.UNKNOWN).setName(SymbolFeatures.KIND)
                        .setParameters(List.of(NamedValue.newBuilder().setName(SymbolFeatures.EMBEDDING)
                                .setValue(spec.embeddingDim()).build()))
                        .setVocabulary(vocabulary).build())
                .build();
    }
}
