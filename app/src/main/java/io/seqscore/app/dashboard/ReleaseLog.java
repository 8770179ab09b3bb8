package io.seqscore.app.dashboard;

import io.seqscore.app.model.RolloutView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The releases the registry has taken up, per model, in release order, each with its kind: {@code canary},
 * {@code shadow} or {@code full} as the release asked, {@code promote} for a release that serves (with
 * {@code rollbackTo}) the version of the model's latest canary or shadow, {@code rollback} for any other
 * release with {@code rollbackTo} (as {@code seqscore-trainer rollout watch} and the demo publish their
 * decisions). When the log never saw the candidate (the registry had already dropped it), a release with
 * {@code rollbackTo} counts as a promotion when it serves the highest version seen so far.
 * Fed from the registry's view ({@link #observe}); a release is kept once seen, even after the registry stops keeping its version. The time of a release is its {@code createdAt}. Thread-safe.
 */
public final class ReleaseLog {
    static final int MAX_RELEASES = 100;

    private final Map<String, Long> latestCandidate = new HashMap<>();
    private final Map<String, Long> highest = new HashMap<>();
    private final Set<String> seen = new HashSet<>();
    private final List<DashboardSnapshot.ReleaseMark> marks = new ArrayList<>();

    /** Adds the releases of {@code view} not seen before, oldest release first. */
    public synchronized void observe(RolloutView view) {
        List<Observed> fresh = new ArrayList<>();
        for (RolloutView.ModelRollout m : view.models()) {
            for (RolloutView.Version v : m.versions()) {
                if (seen.add(m.name() + "\u0000" + v.release())) {
                    fresh.add(new Observed(m.name(), v));
                }
            }
        }
        fresh.sort(Comparator.comparing(Observed::model).thenComparingLong(o -> o.version().release()));
        for (Observed o : fresh) {
            RolloutView.Version v = o.version();
            String kind = kind(o.model(), v);
            if (kind.equals("canary") || kind.equals("shadow")) {
                latestCandidate.put(o.model(), v.version());
            } else if (kind.equals("promote") || kind.equals("rollback")) {
                latestCandidate.remove(o.model());
            }
            highest.merge(o.model(), v.version(), Math::max);
            marks.add(new DashboardSnapshot.ReleaseMark(o.model(), v.release(), v.version(), kind,
                    Instant.parse(v.createdAt()).toEpochMilli()));
            if (marks.size() > MAX_RELEASES) {
                marks.remove(0);
            }
        }
    }

    private String kind(String model, RolloutView.Version v) {
        if (v.rollbackTo() == null) {
            return v.mode().toLowerCase(Locale.ROOT);
        }
        Long candidate = latestCandidate.get(model);
        if (candidate != null) {
            return candidate.longValue() == v.rollbackTo() ? "promote" : "rollback";
        }
        return v.rollbackTo() >= highest.getOrDefault(model, Long.MIN_VALUE) ? "promote" : "rollback";
    }

    /** The releases seen, oldest first (the latest {@value #MAX_RELEASES}). */
    public synchronized List<DashboardSnapshot.ReleaseMark> marks() {
        return List.copyOf(marks);
    }

    private record Observed(String model, RolloutView.Version version) {
    }
}
