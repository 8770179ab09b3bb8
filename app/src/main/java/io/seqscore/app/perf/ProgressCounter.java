package io.seqscore.app.perf;

import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.scoring.DropReason;
import io.seqscore.app.scoring.ScoringCounters;
import io.seqscore.app.scoring.ScoringMetrics;
import io.seqscore.avro.ScoreStatus;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the events a run has finished with (scored, dead-lettered or dropped) and notes, on the stream
 * thread, the time of the first and of the {@code target}-th: the run's throughput window. As the
 * scorer's {@link ScoringMetrics} it also keeps the {@link ScoringCounters} a running scorer keeps, so the
 * scorer pays what it pays in production; the baseline calls {@link #tick()}.
 */
final class ProgressCounter implements ScoringMetrics {
    private final long target;
    private final ScoringCounters counts = new ScoringCounters();
    private final AtomicLong done = new AtomicLong();
    private final LongAdder statesStored = new LongAdder();
    private final LongAdder stateBytesStored = new LongAdder();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile long firstNanos;
    private volatile long lastNanos;

    ProgressCounter(long target) {
        if (target < 1) {
            throw new IllegalArgumentException("target must be >= 1");
        }
        this.target = target;
    }

    void tick() {
        long c = done.incrementAndGet();
        if (c == 1) {
            firstNanos = System.nanoTime();
            started.countDown();
        }
        if (c == target) {
            lastNanos = System.nanoTime();
            finished.countDown();
        }
    }

    long target() {
        return target;
    }

    long done() {
        return done.get();
    }

    boolean awaitStarted(long millis) throws InterruptedException {
        return started.await(millis, TimeUnit.MILLISECONDS);
    }

    boolean awaitFinished(long millis) throws InterruptedException {
        return finished.await(millis, TimeUnit.MILLISECONDS);
    }

    /** Nanoseconds from the first event finished to the {@code target}-th. */
    long windowNanos() {
        return lastNanos - firstNanos;
    }

    ScoringCounters counts() {
        return counts;
    }

    @Override
    public void scored(ScoreStatus status) {
        counts.scored(status);
        tick();
    }

    @Override
    public void flagged() {
        counts.flagged();
    }

    @Override
    public void deadLettered(DlqReason reason) {
        counts.deadLettered(reason);
        tick();
    }

    @Override
    public void dropped(DropReason reason) {
        counts.dropped(reason);
        tick();
    }

    @Override
    public void expired(int keys) {
        counts.expired(keys);
    }

    @Override
    public void shadowScored(ScoreStatus status) {
        counts.shadowScored(status);
    }

    @Override
    public void shadowSkipped() {
        counts.shadowSkipped();
    }

    @Override
    public void stepNanos(long nanos) {
        counts.stepNanos(nanos);
    }

    /** Counted on the stream thread that stores; read after the run. */
    @Override
    public void stateStored(int bytes) {
        statesStored.increment();
        stateBytesStored.add(bytes);
    }

    /** The mean size of the key states the scorer stored, in bytes (0 when it stored none). */
    double meanStateBytes() {
        long n = statesStored.sum();
        return n == 0 ? 0 : (double) stateBytesStored.sum() / n;
    }
}
