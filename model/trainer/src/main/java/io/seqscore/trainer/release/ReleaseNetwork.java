package io.seqscore.trainer.release;

import io.seqscore.avro.Architecture;
import io.seqscore.avro.Layer;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Tensor;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.ParamTensor;
import io.seqscore.trainer.TrainerException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A release's architecture and weights decoded back into a {@link NetworkSpec} and its flat parameters, checked. */
public record ReleaseNetwork(NetworkSpec spec, float[] params) {

    /** @throws TrainerException naming what does not fit: cell, tensor name, shape, length or a non-finite weight */
    public static ReleaseNetwork of(ModelRelease release) {
        NetworkSpec spec = spec(release.getArchitecture(), release.getFeatures());
        List<ParamTensor> expected = spec.tensors();
        List<Tensor> weights = release.getWeights();
        if (weights.size() != expected.size()) {
            throw new TrainerException("the release has " + weights.size() + " tensors, its architecture needs "
                    + expected.size());
        }
        float[] params = new float[spec.paramCount()];
        for (int t = 0; t < expected.size(); t++) {
            ParamTensor want = expected.get(t);
            Tensor got = weights.get(t);
            int[] shape = got.getShape().stream().mapToInt(Integer::intValue).toArray();
            if (!want.name().equals(got.getName()) || !Arrays.equals(want.shape(), shape)) {
                throw new TrainerException("tensor " + t + " is " + got.getName() + Arrays.toString(shape)
                        + ", expected " + want.name() + Arrays.toString(want.shape()));
            }
            ByteBuffer data = got.getData().duplicate().order(ByteOrder.LITTLE_ENDIAN);
            if (data.remaining() != 4 * want.size()) {
                throw new TrainerException("tensor " + want.name() + " has " + data.remaining() + " bytes, expected "
                        + 4 * want.size());
            }
            for (int i = 0; i < want.size(); i++) {
                float v = data.getFloat();
                if (!Float.isFinite(v)) {
                    throw new TrainerException("weight " + want.element(i) + " is not finite: " + v);
                }
                params[want.offset() + i] = v;
            }
        }
        return new ReleaseNetwork(spec, params);
    }

    static NetworkSpec spec(Architecture a) {
        return spec(a, null);
    }

    /** The network; one reading symbols through an embedding when the features carry a vocabulary and its width. */
    static NetworkSpec spec(Architecture a, io.seqscore.avro.InputFeatures f) {
        int[] embedding = null;
        if (f != null && f.getVocabulary() != null && !f.getVocabulary().isEmpty()) {
            java.util.Map<String, Double> named = new java.util.LinkedHashMap<>();
            f.getParameters().forEach(p -> named.put(p.getName().toString(), p.getValue()));
            embedding = io.seqscore.model.core.features.SymbolFeatures.embeddingOf(new io.seqscore.model.core.features.FeatureParameters(
                    "", 0, 0, 0, 0, 0f, named, f.getVocabulary().stream().map(CharSequence::toString).toList()));
        }
        List<LayerSpec> layers = new ArrayList<>();
        int in = embedding == null ? a.getInputSize() : embedding[1] + embedding[2];
        try {
            for (Layer l : a.getLayers()) {
                if (l.getCell() == io.seqscore.avro.CellType.UNKNOWN) {
                    throw new TrainerException("the release uses a cell this trainer does not know");
                }
                layers.add(new LayerSpec(CellType.valueOf(l.getCell().name()), in, l.getUnits()));
                in = l.getUnits();
            }
            return embedding == null ? new NetworkSpec(a.getInputSize(), layers, a.getHorizon(), a.getOutputDim())
                    : NetworkSpec.embedded(embedding[0], embedding[2], layers, a.getHorizon(), a.getOutputDim());
        } catch (IllegalArgumentException e) {
            throw new TrainerException("invalid architecture: " + e.getMessage(), e);
        }
    }
}
