package io.seqscore.trainer.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The training windows of a data set. The training part of every segment (its events before the key's
 * validation start) is copied once into its own array, so that no target can reach a validation event or
 * cross a gap; windows start at 0, stride, 2·stride, … and, when the last one falls short of the end,
 * once more at the end. A segment shorter than a window gives none.
 */
public final class TrainingWindows {
    private final int dimension;
    private final WindowShape shape;
    private final List<float[]> segments;
    private final int[] segmentOf;
    private final int[] startOf;
    private final int skippedSegments;
    private final long trainingSteps;

    private TrainingWindows(int dimension, WindowShape shape, List<float[]> segments, int[] segmentOf, int[] startOf,
                            int skippedSegments, long trainingSteps) {
        this.dimension = dimension;
        this.shape = shape;
        this.segments = segments;
        this.segmentOf = segmentOf;
        this.startOf = startOf;
        this.skippedSegments = skippedSegments;
        this.trainingSteps = trainingSteps;
    }

    public static TrainingWindows of(Dataset data, WindowShape shape) {
        int n = data.dimension();
        List<float[]> segments = new ArrayList<>();
        List<int[]> windows = new ArrayList<>();
        int skipped = 0;
        long steps = 0;
        for (PreparedSeries s : data.series()) {
            for (int g = 0; g < s.segmentCount(); g++) {
                int a = s.segmentStart(g);
                int end = Math.min(s.segmentEnd(g), s.validationStart());
                int length = end - a;
                if (length <= 0) {
                    continue;
                }
                if (length < shape.length()) {
                    skipped++;
                    continue;
                }
                int index = segments.size();
                segments.add(Arrays.copyOfRange(s.z(), a * n, end * n));
                steps += length;
                int last = length - shape.length();
                int start = 0;
                for (; start <= last; start += shape.stride()) {
                    windows.add(new int[] {index, start});
                }
                if (start - shape.stride() < last) {
                    windows.add(new int[] {index, last});
                }
            }
        }
        int[] segmentOf = new int[windows.size()];
        int[] startOf = new int[windows.size()];
        for (int w = 0; w < windows.size(); w++) {
            segmentOf[w] = windows.get(w)[0];
            startOf[w] = windows.get(w)[1];
        }
        return new TrainingWindows(n, shape, List.copyOf(segments), segmentOf, startOf, skipped, steps);
    }

    public int count() {
        return segmentOf.length;
    }

    public WindowShape shape() {
        return shape;
    }

    public int dimension() {
        return dimension;
    }

    /** The training part of the segment window w lies in, [length][n] normalized. */
    public float[] segment(int w) {
        return segments.get(segmentOf[w]);
    }

    /** Index in {@link #segment(int)} of window w's first step. */
    public int start(int w) {
        return startOf[w];
    }

    /** Training segments shorter than one window, left out. */
    public int skippedSegments() {
        return skippedSegments;
    }

    /** Events in the segments that gave windows. */
    public long trainingSteps() {
        return trainingSteps;
    }
}
