package io.seqscore.app.testing;

import java.util.OptionalDouble;

/** Reading one sample out of a Prometheus text exposition. */
public final class PrometheusText {
    private PrometheusText() {
    }

    /**
     * The value of the sample {@code series} (metric name with its labels exactly as exposed, e.g.
     * {@code seqscore_dlq_events_total{reason="MALFORMED"}}), empty when there is no such line.
     */
    public static OptionalDouble value(String exposition, String series) {
        for (String line : exposition.split("\n")) {
            if (line.startsWith(series + " ")) {
                String rest = line.substring(series.length() + 1).trim();
                int space = rest.indexOf(' ');
                return OptionalDouble.of(Double.parseDouble(space < 0 ? rest : rest.substring(0, space)));
            }
        }
        return OptionalDouble.empty();
    }

    /** Like {@link #value}, failing when the sample is absent. */
    public static double require(String exposition, String series) {
        return value(exposition, series).orElseThrow(() -> new AssertionError("no sample " + series + " in:\n"
                + exposition));
    }
}
