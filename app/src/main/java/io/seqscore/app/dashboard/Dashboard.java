package io.seqscore.app.dashboard;

import com.sun.net.httpserver.HttpExchange;
import io.seqscore.app.evidence.VersionEvidence;
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
 * The models come from the scorer's {@link ModelRegistry} ({@link RolloutView}); the "Rollout evidence" panel
 * from its {@link VersionEvidence}, read into {@link ArmWindows} of {@value #EVIDENCE_WINDOW_TICKS} ticks when a
 * snapshot is asked for (nothing is added to the scoring path), and its releases ({@link ReleaseLog}).
 */
public final class Dashboard {
    public static final String SNAPSHOT_PATH = "/dashboard/api/snapshot";
    public static final String STREAM_PATH = EventStream.PATH;
    /** Streams served at once (each holds an HTTP thread). */
    public static final int MAX_STREAMS = 2;
    public static final Duration DEFAULT_TICK = Duration.ofMillis(500);
    /** Ticks per window of the arms' evidence. */
    public static final int EVIDENCE_WINDOW_TICKS = 4;
    /** Windows kept per arm. */
    public static final int EVIDENCE_WINDOWS = 300;
    /** Readings whose windows an incremental snapshot repeats (a page that missed a few ticks catches up). */
    static final int RECENT_READINGS = 3;

    private final ScoreBoard board;
    private final ModelRegistry registry;
    private final VersionEvidence evidence;
    private final ArmWindows windows;
    private final ReleaseLog releases = new ReleaseLog();
    private final LongSupplier clock;
    private final Duration tick;

    public Dashboard(ScoreBoard board, ModelRegistry registry, VersionEvidence evidence) {
        this(board, registry, evidence, DEFAULT_TICK, System::currentTimeMillis);
    }

    public Dashboard(ScoreBoard board, ModelRegistry registry, VersionEvidence evidence, Duration tick,
                     LongSupplier clock) {
        this.board = Objects.requireNonNull(board, "board");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.tick = Objects.requireNonNull(tick, "tick");
        this.windows = new ArmWindows(Math.max(1, tick.toMillis() * EVIDENCE_WINDOW_TICKS), EVIDENCE_WINDOWS);
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
        RolloutView models = RolloutView.of(registry, now);
        if (windows.due(now)) {
            windows.sample(evidence.arms().stream().map(ArmCounts::of).toList(), now);
            releases.observe(models);
        }
        long reading = windows.readings();
        DashboardSnapshot.Rollout rollout = new DashboardSnapshot.Rollout(windows.windowMs(), reading,
                windows.series(since <= 0 ? 0 : reading - RECENT_READINGS), releases.marks());
        return board.snapshot(since, models, now).withRollout(rollout);
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
