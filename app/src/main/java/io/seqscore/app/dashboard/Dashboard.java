package io.seqscore.app.dashboard;

import com.sun.net.httpserver.HttpExchange;
import io.seqscore.app.http.HttpApi;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.RolloutView;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * The dashboard's routes on the scorer's HTTP endpoint:
 * <pre>
 *   /                          the page
 *   /dashboard/*               its script, style sheet, icon and Chart.js
 *   /favicon.ico               the icon again, where browsers look by default
 *   /dashboard/api/snapshot    JSON: the board (?since=SEQ: only the points after SEQ)
 *   /dashboard/api/stream      server-sent events: the same, pushed every tick
 * </pre>
 * The models come from the scorer's {@link ModelRegistry} ({@link RolloutView}).
 */
public final class Dashboard {
    public static final String SNAPSHOT_PATH = "/dashboard/api/snapshot";
    public static final String STREAM_PATH = EventStream.PATH;
    /** Streams served at once (each holds an HTTP thread). */
    public static final int MAX_STREAMS = 2;
    public static final Duration DEFAULT_TICK = Duration.ofMillis(500);

    private final ScoreBoard board;
    private final ModelRegistry registry;
    private final LongSupplier clock;
    private final Duration tick;

    public Dashboard(ScoreBoard board, ModelRegistry registry) {
        this(board, registry, DEFAULT_TICK, System::currentTimeMillis);
    }

    public Dashboard(ScoreBoard board, ModelRegistry registry, Duration tick, LongSupplier clock) {
        this.board = Objects.requireNonNull(board, "board");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.tick = Objects.requireNonNull(tick, "tick");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Adds the routes to {@code http}. */
    public void attach(HttpApi http) {
        StaticAssets assets = new StaticAssets();
        http.route(SNAPSHOT_PATH, this::snapshot)
                .route(STREAM_PATH, new EventStream(this::snapshot, tick, MAX_STREAMS))
                .route("/", assets)
                .route(StaticAssets.FAVICON_ICO, assets)
                .routePrefix(StaticAssets.PREFIX, assets);
    }

    /** The board after {@code since} (0: all of it), with the registry's models. */
    public DashboardSnapshot snapshot(long since) {
        long now = clock.getAsLong();
        return board.snapshot(since, RolloutView.of(registry, now), now);
    }

    private void snapshot(HttpExchange exchange) throws IOException {
        long since = 0;
        String query = exchange.getRequestURI().getRawQuery();
        if (query != null) {
            for (String part : query.split("&")) {
                if (part.startsWith("since=")) {
                    try {
                        since = Long.parseLong(part.substring(6));
                    } catch (NumberFormatException e) {
                        HttpReplies.error(exchange, 400, "since must be a sequence number, got " + part.substring(6));
                        return;
                    }
                }
            }
        }
        HttpReplies.json(exchange, 200, snapshot(since));
    }
}
