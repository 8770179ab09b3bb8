package io.seqscore.app.dashboard;

import io.seqscore.avro.NextSymbol;
import io.seqscore.avro.Score;

import java.util.ArrayList;
import java.util.List;

/**
 * The recent points of one key: a ring of the last {@code capacity} scored events, with the interval of
 * the latest forecast kept aside so that the next point can carry the interval of the forecast made for
 * it. One writer (the feed), any number of readers; every method holds the instance's lock briefly.
 */
final class KeySeries {
    private final String key;
    private final ScorePoint[] ring;
    private int next;
    private int size;
    private long flags;
    private Double nextLower;
    private Double nextUpper;
    private Long nextVersion;

    KeySeries(String key, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be >= 1, got " + capacity);
        }
        this.key = key;
        this.ring = new ScorePoint[capacity];
    }

    String key() {
        return key;
    }

    /** Appends the point of {@code score} under sequence number {@code seq}; returns it. */
    synchronized ScorePoint add(long seq, Score score) {
        List<Double> observed = score.getObserved();
        List<Double> expected = score.getExpected();
        Long version = score.getModelVersion();
        Double forecast = expected == null || expected.isEmpty() ? null : expected.get(0);
        boolean sameModel = forecast != null && version != null && version.equals(nextVersion);
        ScorePoint p = new ScorePoint(seq, score.getEventTime().toEpochMilli(),
                observed.isEmpty() ? Double.NaN : observed.get(0), forecast,
                sameModel ? nextLower : null, sameModel ? nextUpper : null,
                score.getAnomalyScore(), score.getAnomaly(), version, score.getStatus().name(),
                score.getSymbol() == null ? null : score.getSymbol().toString(), score.getSymbolRank(), next(score));
        boolean hasInterval = !score.getForecastLower().isEmpty() && !score.getForecastUpper().isEmpty();
        nextLower = hasInterval ? score.getForecastLower().get(0) : null;
        nextUpper = hasInterval ? score.getForecastUpper().get(0) : null;
        nextVersion = hasInterval ? version : null;
        ring[next] = p;
        next = (next + 1) % ring.length;
        size = Math.min(size + 1, ring.length);
        if (p.anomaly()) {
            flags++;
        }
        return p;
    }

    private static List<ScorePoint.NextSymbol> next(Score score) {
        List<NextSymbol> next = score.getNextSymbols();
        if (next.isEmpty()) {
            return List.of();
        }
        List<ScorePoint.NextSymbol> out = new ArrayList<>(next.size());
        for (NextSymbol n : next) {
            out.add(new ScorePoint.NextSymbol(n.getSymbol() == null ? null : n.getSymbol().toString(),
                    n.getProbability()));
        }
        return out;
    }

    /** The sequence number of the key's latest point, 0 before the first. */
    synchronized long lastSeq() {
        return size == 0 ? 0 : ring[Math.floorMod(next - 1, ring.length)].seq();
    }

    /** The points with a sequence number above {@code since}, oldest first. */
    synchronized List<ScorePoint> since(long since) {
        List<ScorePoint> out = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            ScorePoint p = ring[Math.floorMod(next - size + i, ring.length)];
            if (p.seq() > since) {
                out.add(p);
            }
        }
        return out;
    }

    /** What the key list shows: the highest anomaly score and the flags among the last {@code recent} points. */
    synchronized DashboardSnapshot.KeyRow summary(int recent) {
        double maxScore = 0;
        int recentFlags = 0;
        int n = Math.min(recent, size);
        for (int i = 1; i <= n; i++) {
            ScorePoint p = ring[Math.floorMod(next - i, ring.length)];
            if (p.score() != null && p.score() > maxScore) {
                maxScore = p.score();
            }
            if (p.anomaly()) {
                recentFlags++;
            }
        }
        ScorePoint last = size == 0 ? null : ring[Math.floorMod(next - 1, ring.length)];
        return new DashboardSnapshot.KeyRow(key, maxScore, recentFlags, flags, last == null ? null : last.version(),
                last == null ? null : last.status(), last == null ? 0 : last.time());
    }
}
