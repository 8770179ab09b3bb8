package io.seqscore.app.demo;

import io.seqscore.trainer.generate.SyntheticWorkload;
import io.seqscore.trainer.generate.WorkloadSpec;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The trainer's {@link SyntheticWorkload} (seasonal series with trend and noise, and injected spikes,
 * level shifts, variance changes and frozen sensors) as ticks: one step of every key per tick, one step
 * per {@code stepMillis} of event time, and event times on the wall clock: the live part starts at the
 * first step at or after {@code now}, the history is the {@code historySteps} steps before it.
 */
final class GeneratedSource implements DemoSource {
    private final SyntheticWorkload workload;
    private final long firstStep;
    private final long historySteps;

    GeneratedSource(WorkloadSpec spec, long historySteps, long now) {
        if (historySteps < 1) {
            throw new IllegalArgumentException("history must be >= 1 step, got " + historySteps);
        }
        this.workload = new SyntheticWorkload(spec);
        this.historySteps = historySteps;
        this.firstStep = workload.firstStepAtOrAfter(now) - historySteps;
    }

    /** The demo's workload: {@link WorkloadSpec#demo()}'s series with {@code keys} keys, one step every {@code stepMillis}. */
    static WorkloadSpec spec(int keys, long seed, long stepMillis) {
        return WorkloadSpec.builder().keys(keys).seed(seed).stepMillis(stepMillis).build();
    }

    SyntheticWorkload workload() {
        return workload;
    }

    /** The workload step of tick {@code i}. */
    long step(long i) {
        return firstStep + i;
    }

    @Override
    public String description() {
        var s = workload.spec();
        return String.format(Locale.ROOT, "demo:generated(keys=%d, seed=%d, period=%d, step=%dms)", s.keys(), s.seed(),
                s.period(), s.stepMillis());
    }

    @Override
    public int keyCount() {
        return workload.keyCount();
    }

    @Override
    public List<String> keys() {
        List<String> out = new ArrayList<>(workload.keyCount());
        for (int k = 0; k < workload.keyCount(); k++) {
            out.add(workload.key(k));
        }
        return out;
    }

    @Override
    public long historyTicks() {
        return historySteps;
    }

    @Override
    public long tickCount() {
        return Long.MAX_VALUE;
    }

    @Override
    public List<DemoEvent> tick(long i) {
        long step = step(i);
        long time = workload.eventTime(step);
        List<DemoEvent> out = new ArrayList<>(workload.keyCount());
        for (int k = 0; k < workload.keyCount(); k++) {
            out.add(new DemoEvent(workload.key(k), time, new double[] {workload.value(k, step)}));
        }
        return out;
    }

    @Override
    public long liveStart() {
        return workload.eventTime(step(historySteps));
    }

    @Override
    public DemoSource streamingFrom(long now) {
        return this;
    }
}
