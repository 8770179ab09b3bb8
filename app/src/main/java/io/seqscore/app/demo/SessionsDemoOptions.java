package io.seqscore.app.demo;

import io.seqscore.model.core.Require;

import java.time.Duration;
import java.util.Map;

/**
 * Everything {@code seqscore demo --sessions} can be told.
 *
 * @param port             the dashboard's (and HTTP API's) port on 127.0.0.1; 0 = a free one
 * @param rate             events per second of each running session
 * @param slots            sessions running at once
 * @param seed             seed of the generated sessions and of the training
 * @param epochs           training epochs
 * @param anomalyRate      share of the streamed sessions with an injected anomaly
 * @param bootstrapServers an existing cluster, or null to start a broker in this process
 * @param schemaRegistry   the existing cluster's Schema Registry URL (with bootstrapServers)
 * @param dashboardTick    how often the dashboard pushes updates
 * @param scorerSettings   settings of the scorer beyond the demo's own ({@code --set})
 */
record SessionsDemoOptions(int port, double rate, int slots, long seed, int epochs, double anomalyRate,
                           String bootstrapServers, String schemaRegistry, Duration dashboardTick,
                           Map<String, String> scorerSettings) {
    static final int DEFAULT_SLOTS = 6;
    static final int DEFAULT_EPOCHS = 12;
    static final double DEFAULT_ANOMALY_RATE = 0.2;

    SessionsDemoOptions {
        Require.nonNull("dashboardTick scorerSettings", dashboardTick, scorerSettings);
        scorerSettings = Map.copyOf(scorerSettings);
        require(port >= 0 && port <= 0xFFFF, "--port must be in [0, 65535], got " + port);
        require(rate > 0 && rate <= 1000, "--rate must be in (0, 1000] events per second, got " + rate);
        require(slots >= 1 && slots <= 1000, "--keys must be in [1, 1000] sessions at once, got " + slots);
        require(epochs >= 1, "--epochs must be >= 1, got " + epochs);
        require(anomalyRate >= 0 && anomalyRate <= 1, "--anomaly-rate must be in [0, 1], got " + anomalyRate);
        require((bootstrapServers == null) == (schemaRegistry == null),
                "--bootstrap-servers and --schema-registry go together");
        require(!dashboardTick.isNegative() && !dashboardTick.isZero(), "the dashboard tick must be > 0");
    }

    /** Options with the scorer's own defaults. */
    SessionsDemoOptions(int port, double rate, int slots, long seed, int epochs, double anomalyRate,
                        String bootstrapServers, String schemaRegistry, Duration dashboardTick) {
        this(port, rate, slots, seed, epochs, anomalyRate, bootstrapServers, schemaRegistry, dashboardTick, Map.of());
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
