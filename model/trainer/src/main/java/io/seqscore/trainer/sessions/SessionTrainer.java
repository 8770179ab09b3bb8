package io.seqscore.trainer.sessions;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.Vocabulary;
import io.seqscore.model.core.train.Batch;
import io.seqscore.model.core.train.SoftmaxCrossEntropyLoss;
import io.seqscore.model.core.train.WeightInit;
import io.seqscore.trainer.TrainerException;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;

/**
 * Trains a next-symbol model on sessions, each from a fresh state, as the scorer runs a key: at event t
 * the network reads the symbol's index and is trained to give the next event's index the highest
 * probability (cross-entropy, {@link SoftmaxCrossEntropyLoss}). Sessions are batched by length (padding
 * masked out), the batch order shuffled every epoch. Reproducible: the same sessions, vocabulary and
 * config give bit-identical weights.
 */
public final class SessionTrainer {
    private SessionTrainer() {
    }

    /** The network of a config over a vocabulary of V slots. */
    public static NetworkSpec spec(SessionTrainConfig c, int vocabulary) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < c.layers(); k++) {
            layers.add(new LayerSpec(CellType.LSTM, k == 0 ? c.embedding() : c.hidden(), c.hidden()));
        }
        return NetworkSpec.embedded(vocabulary, layers, 1, vocabulary);
    }

    /**
     * @param epochDone called with each finished epoch's number
     * @throws TrainerException when no session has two events, or training diverges
     */
    public static SessionModel train(List<Session> sessions, Vocabulary vocabulary, SessionTrainConfig c,
                                     IntConsumer epochDone) {
        List<int[]> sequences = new ArrayList<>();
        for (Session s : sessions) {
            if (s.size() >= 2) {
                int[] idx = new int[s.size()];
                for (int t = 0; t < idx.length; t++) {
                    idx[t] = vocabulary.index(s.symbols().get(t));
                }
                sequences.add(idx);
            }
        }
        if (sequences.isEmpty()) {
            throw new TrainerException("no session has two events: nothing to learn the next symbol from");
        }
        NetworkSpec spec = spec(c, vocabulary.size());
        SplittableRandom root = new SplittableRandom(c.seed());
        float[] params = WeightInit.initialize(spec, root.split().nextLong());
        List<Batch> batches = batches(sequences, spec, c.batchSize());
        Random order = new Random(root.split().nextLong());
        double lastLoss = EpochTraining.train(spec, SoftmaxCrossEntropyLoss.INSTANCE, params, batches, order, c,
                epochDone);
        return new SessionModel(vocabulary, spec, params, lastLoss);
    }

    /** Sessions sorted by length (then content, for a stable order), cut into batches; padding masked. */
    private static List<Batch> batches(List<int[]> sequences, NetworkSpec spec, int size) {
        List<int[]> sorted = new ArrayList<>(sequences);
        sorted.sort(Comparator.<int[]>comparingInt(a -> a.length).thenComparing(java.util.Arrays::compare));
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += size) {
            List<int[]> rows = sorted.subList(from, Math.min(sorted.size(), from + size));
            int steps = rows.get(rows.size() - 1).length - 1;
            Batch b = Batch.of(spec, SoftmaxCrossEntropyLoss.INSTANCE, rows.size(), steps);
            for (int r = 0; r < rows.size(); r++) {
                int[] s = rows.get(r);
                for (int t = 0; t < steps; t++) {
                    boolean real = t + 1 < s.length;
                    b.inputs()[r * steps + t] = real ? s[t] : 0;
                    b.targets()[r * steps + t] = real ? s[t + 1] : 0;
                    b.mask()[r * steps + t] = real ? 1f : 0f;
                }
            }
            batches.add(b);
        }
        return batches;
    }
}
