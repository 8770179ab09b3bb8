package io.seqscore.app.demo;

import io.seqscore.trainer.source.CsvFormat;

import java.time.Duration;
import java.time.ZoneId;

/** Small, fast demo settings for tests: 6 keys, 20 ticks a second, a short history, 2 epochs. */
final class DemoFixtures {
    private DemoFixtures() {
    }

    static DemoOptions fast(String bootstrapServers, String registry, Duration canaryAfter, Duration promoteAfter) {
        return fast(20, bootstrapServers, registry, canaryAfter, promoteAfter);
    }

    /** At {@code rate} ticks a second: the dashboard's 600 points per key cover 600 / rate seconds. */
    static DemoOptions fast(double rate, String bootstrapServers, String registry, Duration canaryAfter,
                            Duration promoteAfter) {
        return new DemoOptions(0, rate, 6, 11, 300, 120, null, CsvFormat.LONG, ZoneId.of("UTC"), 0.5, bootstrapServers,
                registry, new DemoTimeline(canaryAfter, promoteAfter, 50), 2, Duration.ofMillis(100));
    }
}
