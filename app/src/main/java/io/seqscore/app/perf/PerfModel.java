package io.seqscore.app.perf;

import io.seqscore.avro.Calibration;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Normalizer;
import io.seqscore.avro.NormalizerMode;
import io.seqscore.avro.Provenance;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
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
 */
record PerfModel(String name, CellType cell, int input, int hidden, int layers) {
    static final double THRESHOLD = 0.999;
    static final int WARMUP = 10;

    NetworkSpec spec() {
        return NetworkSpec.uniform(cell, input, hidden, layers);
    }

    /** "LSTM hidden 64, input 1, 1 layer" */
    String describe() {
        return cell + " hidden " + hidden + ", input " + input + ", " + layers + (layers == 1 ? " layer" : " layers");
    }

    ModelRelease release(long version, long seed) {
        NetworkSpec spec = spec();
        float[] params = WeightInit.initialize(spec, seed + version);
        int out = spec.outputSize();
        List<Float> zeros = new ArrayList<>(Collections.nCopies(input, 0f));
        List<Float> ones = new ArrayList<>(Collections.nCopies(input, 1f));
        return ModelRelease.newBuilder()
                .setName(name)
                .setVersion(version)
                .setCreatedAt(Instant.now())
                .setArchitecture(ReleaseBuilder.architecture(spec))
                .setWeights(ReleaseBuilder.tensors(spec, params))
                .setNormalizer(Normalizer.newBuilder().setMode(NormalizerMode.GLOBAL).setMean(zeros).setStd(ones)
                        .setPerKey(new ArrayList<>()).build())
                .setCalibration(Calibration.newBuilder()
                        .setCenter(new ArrayList<>(Collections.nCopies(out, 0.0)))
                        .setScale(new ArrayList<>(Collections.nCopies(out, 1.0)))
                        .setScoreQuantiles(new ArrayList<>())
                        .setThreshold(THRESHOLD)
                        .setIntervalLower(new ArrayList<>(Collections.nCopies(out, -1.96)))
                        .setIntervalUpper(new ArrayList<>(Collections.nCopies(out, 1.96)))
                        .setWarmupSteps(WARMUP)
                        .build())
                .setProvenance(Provenance.newBuilder().setSource("seqscore perf").setSeed(seed + version).build())
                .build();
    }
}
