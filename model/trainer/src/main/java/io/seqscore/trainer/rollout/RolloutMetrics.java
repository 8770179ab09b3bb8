package io.seqscore.trainer.rollout;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The controller's own figures, as a Prometheus text exposition ({@link #exposition()}): what it has read,
 * the arms of the candidate it watches, its decisions and checkpoints. Thread-safe: the loop writes, an HTTP
 * thread reads.
 */
public final class RolloutMetrics {
    private final String model;
    private final AtomicLong recordsRead = new AtomicLong();
    private final AtomicLong promotions = new AtomicLong();
    private final AtomicLong rollbacks = new AtomicLong();
    private final AtomicLong checkpoints = new AtomicLong();
    private final AtomicReference<Snapshot> watched = new AtomicReference<>(new Snapshot(0, 0, 0, 0, Double.NaN,
            Double.NaN, Double.NaN, Double.NaN, 0));

    private record Snapshot(long candidate, long serving, long candidateEvents, long servingEvents, double candidateMae,
                            double servingMae, double candidateFlagRate, double servingFlagRate, long waitedMs) {
    }

    public RolloutMetrics(String model) {
        this.model = model;
    }

    void read(int records) {
        recordsRead.addAndGet(records);
    }

    void decided(Decision.Action action) {
        (action == Decision.Action.PROMOTE ? promotions : rollbacks).incrementAndGet();
    }

    void checkpointed() {
        checkpoints.incrementAndGet();
    }

    void watching(WatchState s) {
        boolean active = s.active();
        watched.set(new Snapshot(active ? s.candidate : 0, active ? s.serving : 0, s.candidateArm.events(),
                s.servingArm.events(), s.candidateArm.meanAbsError(), s.servingArm.meanAbsError(),
                s.candidateArm.flagRate(), s.servingArm.flagRate(), s.waitedMs()));
    }

    public long recordsRead() {
        return recordsRead.get();
    }

    public long promotions() {
        return promotions.get();
    }

    public long rollbacks() {
        return rollbacks.get();
    }

    public long checkpoints() {
        return checkpoints.get();
    }

    /** The metrics in the Prometheus text format 0.0.4. */
    public String exposition() {
        Snapshot w = watched.get();
        String m = "model=\"" + model.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        StringBuilder out = new StringBuilder();
        counter(out, "seqscore_rollout_records_read_total", "Score and ShadowScore records read", m, recordsRead.get());
        counter(out, "seqscore_rollout_decisions_total", "Decisions published", m + ",decision=\"promote\"",
                promotions.get());
        sample(out, "seqscore_rollout_decisions_total", m + ",decision=\"rollback\"", rollbacks.get());
        counter(out, "seqscore_rollout_checkpoints_total", "Offset and state commits", m, checkpoints.get());
        gauge(out, "seqscore_rollout_candidate_version", "Candidate being watched (0: none)", m, w.candidate);
        gauge(out, "seqscore_rollout_serving_version", "Version the candidate is compared with (0: none)", m, w.serving);
        gauge(out, "seqscore_rollout_arm_events", "Comparable scores gathered per arm", m + ",arm=\"candidate\"",
                w.candidateEvents);
        sample(out, "seqscore_rollout_arm_events", m + ",arm=\"serving\"", w.servingEvents);
        gauge(out, "seqscore_rollout_arm_mae", "Mean absolute error per arm", m + ",arm=\"candidate\"", w.candidateMae);
        sample(out, "seqscore_rollout_arm_mae", m + ",arm=\"serving\"", w.servingMae);
        gauge(out, "seqscore_rollout_arm_flag_rate", "Flags per comparable score per arm", m + ",arm=\"candidate\"",
                w.candidateFlagRate);
        sample(out, "seqscore_rollout_arm_flag_rate", m + ",arm=\"serving\"", w.servingFlagRate);
        gauge(out, "seqscore_rollout_waited_seconds", "Event time since the candidate's first score", m,
                w.waitedMs / 1000.0);
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, String labels, double value) {
        header(out, name, help, "counter");
        sample(out, name, labels, value);
    }

    private static void gauge(StringBuilder out, String name, String help, String labels, double value) {
        header(out, name, help, "gauge");
        sample(out, name, labels, value);
    }

    private static void header(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append('{').append(labels).append("} ")
                .append(Double.isNaN(value) ? "NaN" : String.format(Locale.ROOT, "%s", value)).append('\n');
    }
}
