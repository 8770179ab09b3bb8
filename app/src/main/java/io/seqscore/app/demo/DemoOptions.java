package io.seqscore.app.demo;

import io.seqscore.model.core.Require;
import io.seqscore.trainer.source.CsvFormat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;

/**
 * Everything {@code seqscore demo} can be told.
 *
 * @param port             the dashboard's (and HTTP API's) port on 127.0.0.1; 0 = a free one
 * @param rate             live ticks per second (a tick = one event of every key of the generated workload,
 *                         or the events of one event time of a CSV)
 * @param keys             series of the generated workload
 * @param seed             seed of the generated workload and of the training
 * @param historyTicks     ticks of the generated history v1 is trained on
 * @param backlogTicks     ticks at the end of the history replayed to the scorer at once, so that the charts
 *                         start full
 * @param csv              a CSV of the user's series instead of the generated workload, or null
 * @param trainFraction    with a CSV: the first fraction of its event times is the history
 * @param bootstrapServers an existing cluster, or null to start a broker in this process
 * @param schemaRegistry   the existing cluster's Schema Registry URL (with bootstrapServers)
 * @param epochs           training epochs of v1 (v2 gets two more)
 * @param dashboardTick    how often the dashboard pushes updates
 * @param scorerSettings   settings of the scorer beyond the demo's own ({@code --set}), e.g. its detector
 */
record DemoOptions(int port, double rate, int keys, long seed, int historyTicks, int backlogTicks, Path csv,
                   CsvFormat csvFormat, ZoneId timeZone, double trainFraction, String bootstrapServers,
                   String schemaRegistry, DemoTimeline timeline, int epochs, Duration dashboardTick,
                   Map<String, String> scorerSettings) {
    static final int V1_HIDDEN = 16;
    static final int V2_HIDDEN = 24;

    DemoOptions {
        Require.nonNull("csvFormat timeZone timeline dashboardTick scorerSettings", csvFormat, timeZone, timeline,
                dashboardTick, scorerSettings);
        scorerSettings = Map.copyOf(scorerSettings);
        require(port >= 0 && port <= 0xFFFF, "--port must be in [0, 65535], got " + port);
        require(rate > 0 && rate <= 1000, "--rate must be in (0, 1000] ticks per second, got " + rate);
        require(keys >= 1 && keys <= 10_000, "--keys must be in [1, 10000], got " + keys);
        require(historyTicks >= 2 * DemoTrainer.WINDOW, "--history must be >= " + 2 * DemoTrainer.WINDOW
                + " steps (two training windows), got " + historyTicks);
        require(backlogTicks >= 0, "--backlog must be >= 0, got " + backlogTicks);
        require(trainFraction > 0 && trainFraction < 1, "--train-fraction must be in (0, 1), got " + trainFraction);
        require((bootstrapServers == null) == (schemaRegistry == null),
                "--bootstrap-servers and --schema-registry go together");
        require(epochs >= 1, "--epochs must be >= 1, got " + epochs);
        require(!dashboardTick.isNegative() && !dashboardTick.isZero(), "the dashboard tick must be > 0");
    }

    /** Options with the scorer's own defaults. */
    DemoOptions(int port, double rate, int keys, long seed, int historyTicks, int backlogTicks, Path csv,
                CsvFormat csvFormat, ZoneId timeZone, double trainFraction, String bootstrapServers,
                String schemaRegistry, DemoTimeline timeline, int epochs, Duration dashboardTick) {
        this(port, rate, keys, seed, historyTicks, backlogTicks, csv, csvFormat, timeZone, trainFraction,
                bootstrapServers, schemaRegistry, timeline, epochs, dashboardTick, Map.of());
    }

    /** Event-time distance of two generated steps: one tick at the rate. */
    long stepMillis() {
        return Math.max(1, Math.round(1000 / rate));
    }

    DemoTrainer.ModelSize v1Size() {
        return new DemoTrainer.ModelSize(V1_HIDDEN, epochs, seed);
    }

    DemoTrainer.ModelSize v2Size() {
        return new DemoTrainer.ModelSize(V2_HIDDEN, epochs + 2, seed + 1);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
