package io.seqscore.app.dashboard;

import io.seqscore.app.model.RolloutView;
import io.seqscore.avro.Score;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the dashboard knows: per key a bounded ring of recent points ({@link KeySeries}), the rate at which
 * scores arrive, their end-to-end latency, and notes on what the demo did. Memory is bounded by
 * keys × {@code pointsPerKey}, and the keys by {@code maxKeys}: a new key beyond it pushes out the key scored
 * least recently (streams of short-lived keys, such as sessions). Written by one {@link ScoreFeed} thread, read by any number of HTTP threads.
 */
public final class ScoreBoard {
    /** Points per key kept unless told otherwise. */
    public static final int DEFAULT_POINTS_PER_KEY = 600;
    /** Points per key the ranking looks at ("recent"). */
    public static final int RECENT_POINTS = 60;
    static final int MAX_NOTES = 30;
    static final int RATE_WINDOW_SECONDS = 5;
    static final int LATENCY_WINDOW = 2048;

    private final int pointsPerKey;
    private final int maxKeys;
    private final ConcurrentHashMap<String, KeySeries> series = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private final LongAdder scored = new LongAdder();
    private final LongAdder flagged = new LongAdder();
    private final RateWindow rate = new RateWindow(RATE_WINDOW_SECONDS);
    private final LatencyWindow latency = new LatencyWindow(LATENCY_WINDOW);
    private final Deque<DashboardSnapshot.Note> notes = new ArrayDeque<>();
    private volatile Stage stage;

    public ScoreBoard() {
        this(DEFAULT_POINTS_PER_KEY);
    }

    public ScoreBoard(int pointsPerKey) {
        this(pointsPerKey, Integer.MAX_VALUE);
    }

    /** @param maxKeys keys kept at most; beyond it, the key scored least recently is dropped */
    public ScoreBoard(int pointsPerKey, int maxKeys) {
        if (pointsPerKey < 1 || maxKeys < 1) {
            throw new IllegalArgumentException("points per key and keys must be >= 1, got " + pointsPerKey + ", "
                    + maxKeys);
        }
        this.pointsPerKey = pointsPerKey;
        this.maxKeys = maxKeys;
    }

    /**
     * Takes one score read from the scores topic.
     *
     * @param producedAt the record's timestamp: when the event was produced (the scorer keeps the event
     *                   record's timestamp)
     * @param now        wall-clock time of the read
     */
    public void accept(String key, Score score, long producedAt, long now) {
        Objects.requireNonNull(key, "key");
        KeySeries s = series.get(key);
        if (s == null) {
            if (series.size() >= maxKeys) {
                dropLeastRecent();
            }
            s = series.computeIfAbsent(key, k -> new KeySeries(k, pointsPerKey));
        }
        synchronized (seq) {
            s.add(seq.get() + 1, score);
            seq.incrementAndGet();
        }
        scored.increment();
        if (score.getAnomaly()) {
            flagged.increment();
        }
        rate.add(now, 1);
        latency.add(Math.max(0, now - producedAt));
    }

    private void dropLeastRecent() {
        KeySeries oldest = null;
        for (KeySeries s : series.values()) {
            if (oldest == null || s.lastSeq() < oldest.lastSeq()) {
                oldest = s;
            }
        }
        if (oldest != null) {
            series.remove(oldest.key());
        }
    }

    /** Adds a note (kept: the latest {@value #MAX_NOTES}). */
    public void note(long at, String text) {
        synchronized (notes) {
            if (notes.size() == MAX_NOTES) {
                notes.removeFirst();
            }
            notes.addLast(new DashboardSnapshot.Note(at, text));
        }
    }

    /** Sets the one-line description of what is happening now. */
    public void stage(String text) {
        stage(Stage.of(text));
    }

    /** Sets the header line, which may count down (see {@link Stage}). */
    public void stage(Stage line) {
        stage = line;
    }

    /** The highest sequence number given to a point so far (0: none). */
    public long seq() {
        return seq.get();
    }

    public long scoredCount() {
        return scored.sum();
    }

    public long flaggedCount() {
        return flagged.sum();
    }

    /**
     * The points after {@code since} (0: all the board holds) with the ranking, tiles, notes and
     * {@code models}. A point is in the snapshot only once its sequence number is ≤ the returned
     * {@link DashboardSnapshot#seq()}, so reading from that number on next time misses none that the
     * rings still hold.
     */
    public DashboardSnapshot snapshot(long since, RolloutView models, long now) {
        long upTo;
        synchronized (seq) {
            upTo = seq.get();
        }
        Map<String, List<Object[]>> points = new LinkedHashMap<>();
        List<DashboardSnapshot.KeyRow> rows = new ArrayList<>();
        for (KeySeries s : series.values()) {
            List<Object[]> added = new ArrayList<>();
            for (ScorePoint p : s.since(since)) {
                if (p.seq() <= upTo) {
                    added.add(p.toRow());
                }
            }
            if (!added.isEmpty()) {
                points.put(s.key(), added);
            }
            rows.add(s.summary(RECENT_POINTS));
        }
        rows.sort(RANKING);
        List<DashboardSnapshot.Note> noteList;
        synchronized (notes) {
            noteList = List.copyOf(notes);
        }
        DashboardSnapshot.Tiles tiles = new DashboardSnapshot.Tiles(rate.perSecond(now), latency.quantile(0.5),
                latency.quantile(0.99), scored.sum(), flagged.sum(), series.size());
        Stage line = stage;
        return new DashboardSnapshot(upTo, since <= 0, now, line == null ? null : line.render(now), tiles, rows, points,
                models, noteList, null);
    }

    /** Highest recent anomaly score first, then most recent flags, then by key. */
    static final Comparator<DashboardSnapshot.KeyRow> RANKING = Comparator
            .comparingDouble(DashboardSnapshot.KeyRow::recentScore).reversed()
            .thenComparing(Comparator.comparingInt(DashboardSnapshot.KeyRow::recentFlags).reversed())
            .thenComparing(DashboardSnapshot.KeyRow::key);
}
