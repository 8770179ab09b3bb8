package io.seqscore.trainer.train;

import java.util.Comparator;

/** One named metric value of a release, at horizon step {@code step} (0 = over every step). */
public record MetricValue(String name, int step, double value) {
    /** The release's order: by name ({@link String#compareTo}), then step. */
    public static final Comparator<MetricValue> ORDER =
            Comparator.comparing(MetricValue::name).thenComparingInt(MetricValue::step);
}
