package io.seqscore.trainer.eval;

import io.seqscore.trainer.data.PreparedSeries;

/**
 * A stretch of one segment to step through the network: from {@code runFrom} (zero state there) to the
 * segment end, scoring the forecasts of the events from {@code validationFrom} on.
 *
 * @param segmentStart   first event of the segment (the seasonal-naive forecast may look back to it)
 */
public record EvalRange(PreparedSeries series, int segmentStart, int segmentEnd, int runFrom, int validationFrom) {
    public EvalRange {
        if (!(segmentStart <= runFrom && runFrom <= validationFrom && validationFrom < segmentEnd
                && segmentEnd <= series.size())) {
            throw new IllegalArgumentException("need segmentStart <= runFrom <= validationFrom < segmentEnd <= size, got "
                    + segmentStart + ", " + runFrom + ", " + validationFrom + ", " + segmentEnd + ", " + series.size());
        }
    }

    public int steps() {
        return segmentEnd - runFrom;
    }
}
