package io.seqscore.trainer.release;

import io.seqscore.avro.FeatureKind;
import io.seqscore.avro.Head;
import io.seqscore.avro.InputFeatures;
import io.seqscore.avro.Metric;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.NamedValue;
import io.seqscore.model.core.HeadSpec;
import io.seqscore.avro.Parameter;
import io.seqscore.avro.Provenance;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.SymbolFeatures;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The parts shared by the releases of networks that read symbols ({@link SymbolFeatures}, the next-symbol
 * sessions and the symbols-and-values kinds): the features named SYMBOLS (the enum kind UNKNOWN) with the
 * vocabulary, the head named by kind (with its parameters, if any), the options' identity and rollout, and a provenance
 * without a data time range whose metrics are at step 0.
 */
public final class SymbolReleases {
    private SymbolReleases() {
    }

    /**
     * A release builder with the options' name, version, creation time and rollout, the network's architecture
     * with the head {@code headKind}, its weights and no signature; the normalizer, calibration, provenance and
     * features are left to the caller.
     */
    public static ModelRelease.Builder builder(ReleaseOptions options, NetworkSpec spec, float[] params,
                                               String headKind) {
        return builder(options, spec, params, new HeadSpec(headKind, java.util.Map.of()));
    }

    /** As {@link #builder(ReleaseOptions, NetworkSpec, float[], String)}, with the head's parameters. */
    public static ModelRelease.Builder builder(ReleaseOptions options, NetworkSpec spec, float[] params, HeadSpec head) {
        io.seqscore.avro.Architecture architecture = ReleaseBuilder.architecture(spec);
        architecture.setHead(Head.newBuilder().setKind(head.kind()).setParameters(head.parameters().entrySet().stream()
                .map(e -> new NamedValue(e.getKey(), e.getValue())).collect(java.util.stream.Collectors.toCollection(
                        ArrayList::new))).build());
        return ModelRelease.newBuilder()
                .setName(options.name())
                .setVersion(options.version())
                .setCreatedAt(Instant.ofEpochMilli(options.createdAt()))
                .setArchitecture(architecture)
                .setWeights(ReleaseBuilder.tensors(spec, params))
                .setRollout(ReleaseBuilder.rollout(options.rollout()))
                .setSignature(null);
    }

    public static InputFeatures features(List<NamedValue> parameters, List<String> vocabulary) {
        return InputFeatures.newBuilder().setKind(FeatureKind.UNKNOWN).setName(SymbolFeatures.KIND)
                .setParameters(parameters).setVocabulary(new ArrayList<>(vocabulary)).build();
    }

    public static Provenance provenance(ReleaseOptions options, long keyCount, long events, List<Metric> metrics) {
        List<Parameter> hyper = new ArrayList<>();
        options.hyperParameters().forEach((k, val) -> hyper.add(Parameter.newBuilder().setName(k).setValue(val).build()));
        return Provenance.newBuilder().setSource(options.source()).setDataFrom(null).setDataTo(null)
                .setKeyCount(keyCount).setEventCount(events).setSeed(options.seed())
                .setTrainerVersion(options.trainerVersion()).setHyperParameters(hyper).setMetrics(metrics).build();
    }

    public static Metric metric(String name, double value) {
        return Metric.newBuilder().setName(name).setStep(0).setValue(value).build();
    }
}
