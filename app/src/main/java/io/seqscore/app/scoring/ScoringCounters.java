package io.seqscore.app.scoring;

import io.seqscore.app.evidence.VersionEvidence;
import io.seqscore.avro.ScoreStatus;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/** {@link ScoringMetrics} as plain counters, readable at any time (e.g. by a metrics registry's gauges). */
public final class ScoringCounters implements ScoringMetrics {
    private final LongAdder[] scored = adders(ScoreStatus.values().length);
    private final LongAdder[] deadLettered = adders(DlqReason.values().length);
    private final LongAdder[] dropped = adders(DropReason.values().length);
    private final LongAdder[] shadowScored = adders(ScoreStatus.values().length);
    private final LongAdder shadowSkipped = new LongAdder();
    private final LongAdder flagged = new LongAdder();
    private final LongAdder expired = new LongAdder();
    private final LongAdder replaysRewound = new LongAdder();
    private final LongAdder replaysAhead = new LongAdder();
    private final LongAdder steps = new LongAdder();
    private final LongAdder stepNanosTotal = new LongAdder();
    private final LongAccumulator stepNanosMax = new LongAccumulator(Math::max, 0L);
    private final VersionEvidence evidence = new VersionEvidence();

    @Override
    public void scored(ScoreStatus status) {
        scored[status.ordinal()].increment();
    }

    @Override
    public void flagged() {
        flagged.increment();
    }

    @Override
    public void deadLettered(DlqReason reason) {
        deadLettered[reason.ordinal()].increment();
    }

    @Override
    public void dropped(DropReason reason) {
        dropped[reason.ordinal()].increment();
    }

    @Override
    public void expired(int keys) {
        expired.add(keys);
    }

    @Override
    public void shadowScored(ScoreStatus status) {
        shadowScored[status.ordinal()].increment();
    }

    @Override
    public void shadowSkipped() {
        shadowSkipped.increment();
    }

    @Override
    public void replayed(boolean rewound) {
        (rewound ? replaysRewound : replaysAhead).increment();
    }

    @Override
    public EvidenceRecorder evidenceRecorder() {
        return new EvidenceRecorder(evidence);
    }

    /** Per model version and role: events scored, flags, forecast errors. */
    public VersionEvidence evidence() {
        return evidence;
    }

    /** Replayed events scored again from their key's checkpoint. */
    public long replaysRewoundCount() {
        return replaysRewound.sum();
    }

    /** Replayed events whose key's state could not be rewound. */
    public long replaysAheadCount() {
        return replaysAhead.sum();
    }

    @Override
    public void stepNanos(long nanos) {
        steps.increment();
        stepNanosTotal.add(nanos);
        stepNanosMax.accumulate(nanos);
    }

    public long scoredCount(ScoreStatus status) {
        return scored[status.ordinal()].sum();
    }

    /** Scores written, whatever their status. */
    public long scoredTotal() {
        long n = 0;
        for (LongAdder a : scored) {
            n += a.sum();
        }
        return n;
    }

    /** ShadowScores written whose shadow Score has this status. */
    public long shadowScoredCount(ScoreStatus status) {
        return shadowScored[status.ordinal()].sum();
    }

    /** ShadowScores written, whatever their status. */
    public long shadowScoredTotal() {
        long n = 0;
        for (LongAdder a : shadowScored) {
            n += a.sum();
        }
        return n;
    }

    public long shadowSkippedCount() {
        return shadowSkipped.sum();
    }

    public long flaggedCount() {
        return flagged.sum();
    }

    public long deadLetteredCount(DlqReason reason) {
        return deadLettered[reason.ordinal()].sum();
    }

    public long droppedCount(DropReason reason) {
        return dropped[reason.ordinal()].sum();
    }

    public long expiredCount() {
        return expired.sum();
    }

    public long stepCount() {
        return steps.sum();
    }

    public long stepNanosTotal() {
        return stepNanosTotal.sum();
    }

    public long stepNanosMax() {
        return stepNanosMax.get();
    }

    private static LongAdder[] adders(int n) {
        LongAdder[] a = new LongAdder[n];
        for (int i = 0; i < n; i++) {
            a[i] = new LongAdder();
        }
        return a;
    }
}
