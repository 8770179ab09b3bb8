package io.seqscore.trainer.eval;

import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.PreparedSeries;

import java.util.ArrayList;
import java.util.List;

/** The validation stretches of a data set: one per segment that holds validation events. */
public final class EvalRanges {
    private EvalRanges() {
    }

    /**
     * @param context how many events before the first validation event of a segment the network starts
     *                from (its state warms up on them); negative = from the segment start, as the scorer
     *                that has seen the whole history
     */
    public static List<EvalRange> of(Dataset data, int context) {
        List<EvalRange> ranges = new ArrayList<>();
        for (PreparedSeries s : data.series()) {
            for (int g = 0; g < s.segmentCount(); g++) {
                int a = s.segmentStart(g);
                int e = s.segmentEnd(g);
                int v = Math.max(a, s.validationStart());
                if (v >= e) {
                    continue;
                }
                int from = context < 0 ? a : Math.max(a, v - context);
                ranges.add(new EvalRange(s, a, e, from, v));
            }
        }
        return ranges;
    }
}
