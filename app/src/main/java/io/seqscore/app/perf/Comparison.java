package io.seqscore.app.perf;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The alternated runs of one configuration: {@code scorer.get(i)} and {@code baseline.get(i)} ran back to
 * back (a pair), over the same events. The ratio is the median of the pairs' ratios, so that what the
 * machine does at the time of a pair affects both of its halves; {@link #cpuRatio()} compares CPU per event.
 *
 * @param stateBytes   bytes of a key's state in the scorer's store at the end of the first scorer run
 * @param baselineBytes per pair, the size of the baseline's values: the mean size of the states the scorer stored
 * @param scored       events the scorer scored (in all its runs), NO_MODEL excluded
 * @param deadLettered events the scorer dead-lettered or dropped
 * @param stepMicros   mean time of the model work per scored event (normalize, step, forecast), µs
 */
record Comparison(PerfModel model, Guarantee guarantee, int stateBytes, List<StreamsApp.Drain> scorer,
                  List<StreamsApp.Drain> baseline, List<Integer> baselineBytes, long scored, long expected, long deadLettered, long flagged,
                  double stepMicros) {
    Comparison {
        if (scorer.size() != baseline.size() || scorer.isEmpty()) {
            throw new IllegalArgumentException("needs pairs of runs");
        }
        if (baselineBytes.size() != scorer.size()) {
            throw new IllegalArgumentException("needs the baseline's value size of every pair");
        }
        scorer = List.copyOf(scorer);
        baseline = List.copyOf(baseline);
        baselineBytes = List.copyOf(baselineBytes);
    }

    double ratio() {
        double[] r = new double[scorer.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = scorer.get(i).eventsPerSecond() / baseline.get(i).eventsPerSecond();
        }
        return median(r);
    }

    /**
     * The same comparison by CPU cost, less sensitive to other processes than throughput: the median over
     * the pairs of the baseline's application CPU per event over the scorer's.
     */
    double cpuRatio() {
        double[] r = new double[scorer.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = baseline.get(i).appMicrosPerEvent() / scorer.get(i).appMicrosPerEvent();
        }
        return median(r);
    }

    double scorerEventsPerSecond() {
        return median(scorer, StreamsApp.Drain::eventsPerSecond);
    }

    double baselineEventsPerSecond() {
        return median(baseline, StreamsApp.Drain::eventsPerSecond);
    }

    static double median(List<StreamsApp.Drain> runs, ToDoubleFunction<StreamsApp.Drain> f) {
        return median(runs.stream().mapToDouble(f).toArray());
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }
}
