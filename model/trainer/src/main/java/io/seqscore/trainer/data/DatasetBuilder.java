package io.seqscore.trainer.data;

import io.seqscore.model.core.norm.ZScoreNormalizer;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.source.History;
import io.seqscore.trainer.source.RawSeries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a {@link Dataset} from a {@link History}:
 * <ol>
 *   <li>per key, events in time order, duplicate times dropped ({@link OrderedSeries});</li>
 *   <li>the split: with a split time, events at or after it are validation; otherwise the last
 *       ⌈fraction·size⌉ events of each key (its latest ones: no future leaks into training);</li>
 *   <li>segments: a new one wherever consecutive events are more than the gap-reset apart;</li>
 *   <li>normalization fitted on training events only, then applied to every event of the key.</li>
 * </ol>
 */
public final class DatasetBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(DatasetBuilder.class);

    private DatasetBuilder() {
    }

    /** @throws TrainerException when no key has events, or no training or no validation event is left */
    public static Dataset build(History history, DatasetOptions options) {
        if (history.keyCount() == 0) {
            throw new TrainerException("the history holds no usable event");
        }
        int n = history.dimension();
        List<OrderedSeries> ordered = new ArrayList<>();
        List<Integer> splits = new ArrayList<>();
        long duplicates = 0;
        for (RawSeries raw : history.series()) {
            OrderedSeries s = OrderedSeries.of(raw);
            duplicates += s.duplicates();
            ordered.add(s);
            splits.add(validationStart(s, options));
        }
        FittedNormalization norm = fit(ordered, splits, n, options.normalization());
        List<PreparedSeries> prepared = new ArrayList<>();
        long events = 0;
        long training = 0;
        long validation = 0;
        long from = Long.MAX_VALUE;
        long to = Long.MIN_VALUE;
        int dropped = 0;
        for (int i = 0; i < ordered.size(); i++) {
            OrderedSeries s = ordered.get(i);
            int v = splits.get(i);
            if (norm.mode() == NormalizationMode.PER_KEY && !norm.perKey().containsKey(s.key())) {
                dropped++;
                LOG.warn("key '{}' left out: it has no training event to fit its per-key normalization on", s.key());
                continue;
            }
            prepared.add(new PreparedSeries(s.key(), n, s.times(), normalize(s, norm.forKey(s.key())), v,
                    segmentStarts(s.times(), options.gapResetMillis())));
            events += s.size();
            training += v;
            validation += s.size() - v;
            from = Math.min(from, s.times()[0]);
            to = Math.max(to, s.times()[s.size() - 1]);
        }
        if (training == 0) {
            throw new TrainerException("no training event: every event falls into validation (check --split-time)");
        }
        if (validation == 0) {
            throw new TrainerException("no validation event: calibration needs some"
                    + " (use --validation-fraction > 0 or a --split-time inside the data)");
        }
        return new Dataset(List.copyOf(prepared), norm, n, events, training, validation, duplicates, dropped, from, to);
    }

    static int validationStart(OrderedSeries s, DatasetOptions options) {
        long[] t = s.times();
        if (options.splitTime() != null) {
            int i = 0;
            while (i < t.length && t[i] < options.splitTime()) {
                i++;
            }
            return i;
        }
        int validation = (int) Math.ceil(options.validationFraction() * t.length);
        return t.length - validation;
    }

    static int[] segmentStarts(long[] times, long gapReset) {
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        if (gapReset > 0) {
            for (int p = 1; p < times.length; p++) {
                if (times[p] - times[p - 1] > gapReset) {
                    starts.add(p);
                }
            }
        }
        return starts.stream().mapToInt(Integer::intValue).toArray();
    }

    private static FittedNormalization fit(List<OrderedSeries> ordered, List<Integer> splits, int n,
                                           NormalizationMode mode) {
        switch (mode) {
            case NONE:
                return FittedNormalization.none(n);
            case GLOBAL: {
                ZScoreNormalizer.Fitter fitter = ZScoreNormalizer.fitter(n);
                for (int i = 0; i < ordered.size(); i++) {
                    addTraining(fitter, ordered.get(i), splits.get(i));
                }
                if (fitter.count(0) == 0) {
                    throw new TrainerException("no training event to fit the normalization on");
                }
                return FittedNormalization.global(fitter.fit());
            }
            case PER_KEY: {
                Map<String, ZScoreNormalizer> perKey = new TreeMap<>();
                for (int i = 0; i < ordered.size(); i++) {
                    if (splits.get(i) == 0) {
                        continue;
                    }
                    ZScoreNormalizer.Fitter fitter = ZScoreNormalizer.fitter(n);
                    addTraining(fitter, ordered.get(i), splits.get(i));
                    perKey.put(ordered.get(i).key(), fitter.fit());
                }
                if (perKey.isEmpty()) {
                    throw new TrainerException("no key has a training event to fit its normalization on");
                }
                return FittedNormalization.perKey(perKey);
            }
            default:
                throw new IllegalArgumentException("unknown normalization " + mode);
        }
    }

    private static void addTraining(ZScoreNormalizer.Fitter fitter, OrderedSeries s, int validationStart) {
        int n = s.dimension();
        double[] v = s.values();
        for (int p = 0; p < validationStart; p++) {
            for (int j = 0; j < n; j++) {
                fitter.add(j, v[p * n + j]);
            }
        }
    }

    private static float[] normalize(OrderedSeries s, ZScoreNormalizer norm) {
        int n = s.dimension();
        double[] v = s.values();
        float[] z = new float[v.length];
        for (int p = 0; p < s.size(); p++) {
            for (int j = 0; j < n; j++) {
                z[p * n + j] = norm.normalize(j, (float) v[p * n + j]);
            }
        }
        return z;
    }
}
