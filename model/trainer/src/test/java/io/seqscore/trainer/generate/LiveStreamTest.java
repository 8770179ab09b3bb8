package io.seqscore.trainer.generate;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LiveStreamTest {
    private static final SyntheticWorkload WORKLOAD = new SyntheticWorkload(WorkloadSpec.demo());

    /** A clock that only moves when the stream pauses. */
    private static final class FakeClock implements InstantSource {
        long now;
        final List<Long> pauses = new ArrayList<>();

        FakeClock(long now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now);
        }

        void pause(long millis) {
            pauses.add(millis);
            now += millis;
        }
    }

    @Test
    void shouldHandOnEachStepWhenTheClockReachesItsEventTime() throws InterruptedException {
        FakeClock clock = new FakeClock(1_000_000_400L);
        LiveStream stream = new LiveStream(clock, clock::pause);
        List<long[]> emitted = new ArrayList<>();
        long next = stream.run(WORKLOAD, 1_000_001L, 3, n -> emitted.add(new long[] {n, clock.now}));
        assertThat(next).isEqualTo(1_000_004L);
        assertThat(emitted).containsExactly(new long[] {1_000_001L, 1_000_001_000L},
                new long[] {1_000_002L, 1_000_002_000L}, new long[] {1_000_003L, 1_000_003_000L});
        assertThat(clock.pauses).containsExactly(600L, 1000L, 1000L);
    }

    @Test
    void shouldCatchUpOnDueStepsAtOnceAndInOrder() throws InterruptedException {
        FakeClock clock = new FakeClock(1_000_005_500L);
        LiveStream stream = new LiveStream(clock, clock::pause);
        List<Long> emitted = new ArrayList<>();
        stream.run(WORKLOAD, 1_000_001L, 7, emitted::add);
        assertThat(emitted).containsExactly(1_000_001L, 1_000_002L, 1_000_003L, 1_000_004L, 1_000_005L, 1_000_006L,
                1_000_007L);
        assertThat(clock.pauses).containsExactly(500L, 1000L);
    }

    @Test
    void shouldStopAfterTheStepBeingHandedOn() throws InterruptedException {
        FakeClock clock = new FakeClock(0);
        LiveStream stream = new LiveStream(clock, clock::pause);
        List<Long> emitted = new ArrayList<>();
        long next = stream.run(WORKLOAD, 10, Long.MAX_VALUE, n -> {
            emitted.add(n);
            if (n == 12) {
                stream.stop();
            }
        });
        assertThat(emitted).containsExactly(10L, 11L, 12L);
        assertThat(next).isEqualTo(13);
    }

    @Test
    void shouldWakeFromItsWaitWhenStoppedOnTheSystemClock() throws InterruptedException {
        LiveStream stream = LiveStream.realTime();
        long farFuture = WORKLOAD.firstStepAtOrAfter(System.currentTimeMillis()) + 3600;
        Thread stopper = new Thread(stream::stop);
        stopper.start();
        List<Long> emitted = new ArrayList<>();
        long next = stream.run(WORKLOAD, farFuture, 1, emitted::add);
        stopper.join();
        assertThat(emitted).isEmpty();
        assertThat(next).isEqualTo(farFuture);
    }
}
