package io.seqscore.trainer.generate;

import java.time.InstantSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Paces a workload in real time: step n is handed on once the clock has reached its event time, so the
 * events of a live stream carry the time at which they are produced. Steps that are already due (the
 * stream started late or fell behind) are handed on at once, in order; none is skipped.
 */
public final class LiveStream {
    /** Waits up to the given time; may return early. */
    @FunctionalInterface
    public interface Pause {
        void pause(long millis) throws InterruptedException;
    }

    private final InstantSource clock;
    private final Pause pause;
    private final CountDownLatch stop = new CountDownLatch(1);

    /** A stream on {@code clock} that waits with {@code pause}, or on {@link #stop()} when it is null. */
    public LiveStream(InstantSource clock, Pause pause) {
        this.clock = clock;
        this.pause = pause != null ? pause : millis -> stop.await(millis, TimeUnit.MILLISECONDS);
    }

    /** On the system clock, waking early when stopped. */
    public static LiveStream realTime() {
        return new LiveStream(InstantSource.system(), null);
    }

    /**
     * Hands steps {@code first, first + 1, …} to {@code emit}, each once it is due, until {@code maxSteps}
     * were handed on or {@link #stop()} is called; returns the first step not handed on.
     */
    public long run(SyntheticWorkload workload, long first, long maxSteps, LongConsumer emit)
            throws InterruptedException {
        long n = first;
        while (n - first < maxSteps && stop.getCount() > 0) {
            long wait = workload.eventTime(n) - clock.millis();
            if (wait > 0) {
                pause.pause(wait);
                continue;
            }
            emit.accept(n);
            n++;
        }
        return n;
    }

    /** Ends {@link #run} after the step being handed on, waking it if it waits. */
    public void stop() {
        stop.countDown();
    }
}
