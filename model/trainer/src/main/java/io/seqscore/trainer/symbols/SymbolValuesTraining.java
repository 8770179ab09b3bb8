package io.seqscore.trainer.symbols;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.LayerSpec;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.anomaly.AnomalyScorer;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.model.core.features.SymbolFeatures;
import io.seqscore.model.core.features.Vocabulary;
import io.seqscore.model.core.train.Batch;
import io.seqscore.model.core.train.SymbolValuesLoss;
import io.seqscore.model.core.train.WeightInit;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.sessions.EpochTraining;
import io.seqscore.trainer.sessions.SessionTrainConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * Trains and calibrates a model of events that carry a symbol and m values, each key from a fresh state as the
 * scorer runs it:
 * <ol>
 *   <li>holds out {@code calibrationFraction} of the keys (at least one, chosen by the seed);</li>
 *   <li>learns the vocabulary on the rest ({@code minCount}) and the values' global μ_d, σ_d;</li>
 *   <li>trains the network (embedding + values → LSTM layers → V logits and m value forecasts) with
 *       {@link SymbolValuesLoss}: cross-entropy of the next symbol plus {@code valueWeight} × the squared error
 *       of its scaled values; keys batched by length, padding masked;</li>
 *   <li>streams the held-out keys through the features and the network as the scorer does and calibrates:
 *       scale_d = the RMS of the scaled residuals of value d; the threshold t, the smallest value of the score
 *       max(1 − p, erf(max_d |r_d / scale_d| / √2)) ({@link NextSymbolDetector}) that flags no more than
 *       {@code targetFpr} of the held-out events; and g, the smallest rank bound that flags no more.</li>
 * </ol>
 * Reproducible: the same events and options give bit-identical weights.
 */
public final class SymbolValuesTraining {
    /** Coverage of the values' forecast interval ±z·scale_d. */
    public static final double INTERVAL_COVERAGE = 0.95;
    private static final double INTERVAL_Z = 1.959963984540054;
    private static final double SQRT_HALF = 0.7071067811865476;
    private static final double MIN_SCALE = 1e-6;

    /**
     * @param minCount            symbols seen fewer times in training share the unknown slot
     * @param calibrationFraction keys held out for the calibration, in (0, 1)
     * @param targetFpr           share of held-out events the threshold may flag, in (0, 1)
     * @param valueWeight         w of the loss, ≥ 0
     */
    public record Options(long minCount, double calibrationFraction, double targetFpr, double valueWeight) {
        public Options {
            if (minCount < 1) {
                throw new IllegalArgumentException("--min-count must be >= 1, got " + minCount);
            }
            if (!(calibrationFraction > 0 && calibrationFraction < 1)) {
                throw new IllegalArgumentException("--calibration-fraction must be in (0, 1), got " + calibrationFraction);
            }
            if (!(targetFpr > 0 && targetFpr < 1)) {
                throw new IllegalArgumentException("--target-fpr must be in (0, 1), got " + targetFpr);
            }
            if (!(valueWeight >= 0) || Double.isInfinite(valueWeight)) {
                throw new IllegalArgumentException("--value-weight must be finite and >= 0, got " + valueWeight);
            }
        }
    }

    private final Vocabulary vocabulary;
    private final NetworkSpec spec;
    private final float[] params;
    private final float[] mean;
    private final float[] std;
    private final double[] residualScale;
    private final double threshold;
    private final int g;
    private final int trainedKeys;
    private final int heldOutKeys;
    private final long calibrationEvents;
    private final long flaggedAtThreshold;
    private final double trainingLoss;

    private SymbolValuesTraining(Vocabulary vocabulary, NetworkSpec spec, float[] params, float[] mean, float[] std,
                                 double[] residualScale, double threshold, int g, int trainedKeys, int heldOutKeys,
                                 long calibrationEvents, long flaggedAtThreshold, double trainingLoss) {
        this.vocabulary = vocabulary;
        this.spec = spec;
        this.params = params;
        this.mean = mean;
        this.std = std;
        this.residualScale = residualScale;
        this.threshold = threshold;
        this.g = g;
        this.trainedKeys = trainedKeys;
        this.heldOutKeys = heldOutKeys;
        this.calibrationEvents = calibrationEvents;
        this.flaggedAtThreshold = flaggedAtThreshold;
        this.trainingLoss = trainingLoss;
    }

    /**
     * @param keys each key's events in time order, every event with {@code values} values
     * @throws TrainerException when there are fewer than two keys of two events, or training diverges
     */
    public static SymbolValuesTraining run(Map<String, List<SymbolEvents.Event>> keys, int values, SessionTrainConfig c,
                                           Options o) {
        if (values < 1) {
            throw new TrainerException("the events carry no values: train a model of symbols alone with --sessions");
        }
        List<List<SymbolEvents.Event>> usable = new ArrayList<>();
        keys.values().forEach(list -> {
            if (list.size() >= 2) {
                usable.add(list);
            }
        });
        if (usable.size() < 2) {
            throw new TrainerException("need at least 2 keys of 2 or more events (one to train on, one to calibrate on),"
                    + " got " + usable.size());
        }
        SplittableRandom root = new SplittableRandom(c.seed());
        Collections.shuffle(usable, new Random(root.split().nextLong()));
        int held = Math.max(1, Math.min(usable.size() - 1, (int) Math.round(o.calibrationFraction() * usable.size())));
        List<List<SymbolEvents.Event>> calibration = usable.subList(0, held);
        List<List<SymbolEvents.Event>> training = usable.subList(held, usable.size());

        Map<String, Long> counts = new HashMap<>();
        double[] sum = new double[values];
        double[] sumSq = new double[values];
        long n = 0;
        for (List<SymbolEvents.Event> key : training) {
            for (SymbolEvents.Event e : key) {
                counts.merge(e.symbol(), 1L, Long::sum);
                for (int d = 0; d < values; d++) {
                    sum[d] += e.values()[d];
                    sumSq[d] += e.values()[d] * e.values()[d];
                }
                n++;
            }
        }
        Vocabulary vocabulary = Vocabulary.learn(counts, o.minCount());
        float[] mean = new float[values];
        float[] std = new float[values];
        for (int d = 0; d < values; d++) {
            double mu = sum[d] / n;
            double var = Math.max(0, sumSq[d] / n - mu * mu);
            mean[d] = (float) mu;
            std[d] = (float) (Math.sqrt(var) > MIN_SCALE ? Math.sqrt(var) : 1.0);
        }
        int v = vocabulary.size();
        NetworkSpec spec = spec(c, v, values);
        SymbolFeatures features = new SymbolFeatures(vocabulary, c.embedding(), values);
        float[] mu = rowScaling(mean, 0f);
        float[] sigma = rowScaling(std, 1f);
        List<float[]> rows = new ArrayList<>();
        for (List<SymbolEvents.Event> key : training) {
            rows.add(features.encode(new long[key.size()], rowsOf(key, vocabulary, values), 1 + values, mu, sigma, 1)
                    .inputs());
        }
        SymbolValuesLoss loss = new SymbolValuesLoss(v, o.valueWeight());
        float[] params = WeightInit.initialize(spec, root.split().nextLong());
        List<Batch> batches = batches(rows, spec, loss, c.batchSize());
        Random order = new Random(root.split().nextLong());
        double lastLoss = EpochTraining.train(spec, loss, params, batches, order, c, epoch -> { });
        return calibrate(vocabulary, spec, params, features, mean, std, mu, sigma, calibration, training.size(), o,
                lastLoss);
    }

    /** LSTM layers over the embedding's width plus the m values; a one-step head of V logits and m forecasts. */
    public static NetworkSpec spec(SessionTrainConfig c, int vocabulary, int values) {
        List<LayerSpec> layers = new ArrayList<>();
        for (int k = 0; k < c.layers(); k++) {
            layers.add(new LayerSpec(CellType.LSTM, k == 0 ? c.embedding() + values : c.hidden(), c.hidden()));
        }
        return NetworkSpec.embedded(vocabulary, values, layers, 1, vocabulary + values);
    }

    private static SymbolValuesTraining calibrate(Vocabulary vocabulary, NetworkSpec spec, float[] params,
                                                  SymbolFeatures features, float[] mean, float[] std, float[] mu,
                                                  float[] sigma, List<List<SymbolEvents.Event>> held, int trained,
                                                  Options o, double trainingLoss) {
        int v = vocabulary.size();
        int m = mean.length;
        Network network = Network.of(spec, params);
        List<double[]> residuals = new ArrayList<>();
        List<double[]> symbols = new ArrayList<>();
        float[] x = new float[1 + m];
        float[] row = new float[1 + m];
        double[] rowD = new double[1 + m];
        float[] out = new float[spec.outputSize()];
        float[] forecast = new float[spec.outputSize()];
        float[] zNext = new float[spec.outputSize()];
        for (List<SymbolEvents.Event> key : held) {
            float[] state = network.newState();
            for (int t = 0; t < key.size(); t++) {
                SymbolEvents.Event e = key.get(t);
                row[0] = vocabulary.index(e.symbol());
                rowD[0] = row[0];
                for (int d = 0; d < m; d++) {
                    row[1 + d] = (float) e.values()[d];
                    rowD[1 + d] = e.values()[d];
                }
                if (t > 0 && row[0] != Vocabulary.UNKNOWN) {
                    int y = (int) row[0];
                    double[] r = new double[m];
                    for (int d = 0; d < m; d++) {
                        r[d] = (rowD[1 + d] - forecast[v + d]) / sigma[1 + d];
                    }
                    residuals.add(r);
                    symbols.add(new double[] {forecast[y], NextSymbolDetector.rank(forecast, v, y)});
                }
                features.inputs(row, null, null, mu, sigma, x);
                network.step(state, x, out);
                features.forecasts(rowD, null, null, mu, sigma, out, spec.outputDim(), forecast, zNext);
            }
        }
        if (residuals.isEmpty()) {
            throw new TrainerException("the held-out keys have no event with a known symbol after their first: nothing to"
                    + " calibrate on");
        }
        double[] scale = new double[m];
        for (double[] r : residuals) {
            for (int d = 0; d < m; d++) {
                scale[d] += r[d] * r[d];
            }
        }
        for (int d = 0; d < m; d++) {
            scale[d] = Math.max(MIN_SCALE, Math.sqrt(scale[d] / residuals.size()));
        }
        int count = residuals.size();
        double[] scores = new double[count];
        int[] ranks = new int[count];
        for (int i = 0; i < count; i++) {
            double s = 0;
            for (int d = 0; d < m; d++) {
                s = Math.max(s, Math.abs(residuals.get(i)[d] / scale[d]));
            }
            scores[i] = Math.max(1.0 - symbols.get(i)[0], AnomalyScorer.erf(s * SQRT_HALF));
            ranks[i] = (int) symbols.get(i)[1];
        }
        int allowed = (int) Math.floor(o.targetFpr() * count);
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        double threshold = allowed >= count ? 0.0 : Math.min(1.0, Math.nextUp(sorted[count - 1 - allowed]));
        long flagged = Arrays.stream(scores).filter(s -> s >= threshold).count();
        int[] sortedRanks = ranks.clone();
        Arrays.sort(sortedRanks);
        int g = allowed >= count ? 1 : Math.max(1, sortedRanks[count - 1 - allowed]);
        return new SymbolValuesTraining(vocabulary, spec, params, mean, std, scale, threshold, g, trained, held.size(),
                count, flagged, trainingLoss);
    }

    /** The rows of a key's events: the symbol's index, then the values (as floats). */
    private static float[] rowsOf(List<SymbolEvents.Event> key, Vocabulary vocabulary, int m) {
        float[] rows = new float[key.size() * (1 + m)];
        for (int t = 0; t < key.size(); t++) {
            rows[t * (1 + m)] = vocabulary.index(key.get(t).symbol());
            for (int d = 0; d < m; d++) {
                rows[t * (1 + m) + 1 + d] = (float) key.get(t).values()[d];
            }
        }
        return rows;
    }

    /** The row's scaling: the index's (identity) then the values'. */
    private static float[] rowScaling(float[] values, float index) {
        float[] row = new float[1 + values.length];
        row[0] = index;
        System.arraycopy(values, 0, row, 1, values.length);
        return row;
    }

    /** Keys sorted by length (then content), cut into batches: input row t, target row t + 1; padding masked. */
    private static List<Batch> batches(List<float[]> keys, NetworkSpec spec, SymbolValuesLoss loss, int size) {
        int n = spec.inputSize();
        List<float[]> sorted = new ArrayList<>(keys);
        sorted.sort(Comparator.<float[]>comparingInt(a -> a.length).thenComparing(Arrays::compare));
        List<Batch> batches = new ArrayList<>();
        for (int from = 0; from < sorted.size(); from += size) {
            List<float[]> rows = sorted.subList(from, Math.min(sorted.size(), from + size));
            int steps = rows.get(rows.size() - 1).length / n - 1;
            Batch b = Batch.of(spec, loss, rows.size(), steps);
            for (int r = 0; r < rows.size(); r++) {
                float[] s = rows.get(r);
                int events = s.length / n;
                for (int t = 0; t < steps; t++) {
                    boolean real = t + 1 < events;
                    int at = (r * steps + t) * n;
                    if (real) {
                        System.arraycopy(s, t * n, b.inputs(), at, n);
                        System.arraycopy(s, (t + 1) * n, b.targets(), at, n);
                    }
                    b.mask()[r * steps + t] = real ? 1f : 0f;
                }
            }
            batches.add(b);
        }
        return batches;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public NetworkSpec spec() {
        return spec;
    }

    public float[] params() {
        return params;
    }

    /** μ_d of the values (m). */
    public float[] mean() {
        return mean.clone();
    }

    /** σ_d of the values (m). */
    public float[] std() {
        return std.clone();
    }

    /** scale_d: the RMS of held-out scaled residuals of value d. */
    public double[] residualScale() {
        return residualScale.clone();
    }

    public double threshold() {
        return threshold;
    }

    public int g() {
        return g;
    }

    public int trainedKeys() {
        return trainedKeys;
    }

    public int heldOutKeys() {
        return heldOutKeys;
    }

    public long calibrationEvents() {
        return calibrationEvents;
    }

    public long flaggedAtThreshold() {
        return flaggedAtThreshold;
    }

    public double trainingLoss() {
        return trainingLoss;
    }

    /** Values per event (m). */
    public int values() {
        return mean.length;
    }

    /** The embedding's width. */
    public int embedding() {
        return spec.embeddingDim();
    }

    /** The coverage {@link #INTERVAL_COVERAGE}'s z: the values' interval is ±z·scale_d. */
    public static double intervalZ() {
        return INTERVAL_Z;
    }
}
