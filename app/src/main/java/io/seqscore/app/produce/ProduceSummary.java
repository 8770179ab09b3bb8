package io.seqscore.app.produce;

import java.time.Duration;
import java.util.Locale;

/**
 * What one {@code seqscore produce} run did.
 *
 * @param lines     data lines read, good or bad
 * @param sent      events the broker acknowledged
 * @param keys      distinct keys among them
 * @param nonFinite events not sent for a NaN, infinite or missing value
 * @param skipped   bad lines skipped
 */
public record ProduceSummary(String topic, String format, long lines, long sent, long keys, long nonFinite, long skipped,
                             Duration elapsed) {

    /** The one line printed at the end. */
    public String line() {
        double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
        return String.format(Locale.ROOT, "produced %d events of %d keys to %s (%s) in %.1f s (%.0f events/s);"
                        + " %d dropped for NaN/missing values, %d bad lines skipped",
                sent, keys, topic, format, seconds, sent / seconds, nonFinite, skipped);
    }
}
