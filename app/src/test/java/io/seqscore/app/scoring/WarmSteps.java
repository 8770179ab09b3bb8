package io.seqscore.app.scoring;

import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * One key scored by a {@link KeyScorer} on a repeating series (10 + 3 sin(0.1 t), one event a minute), for
 * measuring what warm steps allocate.
 */
final class WarmSteps {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int EVENTS = 512;

    private final KeyScorer scorer;
    private final KeyState state = new KeyState();
    private final ServingModel model;
    private final List<List<Double>> values = new ArrayList<>();
    private long time;

    WarmSteps(ScoringSettings settings, ServingModel model) {
        this.scorer = new KeyScorer(settings);
        this.model = model;
        state.ringCapacity(settings.ringCapacity(model, null));
        state.inputSize(1);
        scorer.rewarm(state, model, "k");
        for (int i = 0; i < EVENTS; i++) {
            values.add(List.of(10 + 3 * Math.sin(i * 0.1)));
        }
    }

    KeyState state() {
        return state;
    }

    /** Runs 40,000 events to warm up, then returns the fewest bytes 10,000 more allocated over up to five tries. */
    long bytesAllocatedWhenWarm() {
        run(40_000);
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && allocated > 0; attempt++) {
            long id = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(id);
            run(10_000);
            allocated = Math.min(allocated, THREADS.getThreadAllocatedBytes(id) - before);
        }
        return allocated;
    }

    private void run(int events) {
        for (int i = 0; i < events; i++) {
            time += 60_000L;
            scorer.setInput(values.get((int) (time / 60_000L % EVENTS)));
            state.pushInput(time, scorer.input());
            scorer.fold(state, model, "k");
        }
    }
}
