package io.seqscore.app.demo;

import io.seqscore.app.dashboard.Stage;

import java.util.Locale;
import java.util.function.Consumer;

/**
 * The dashboard's header line through a demo run, with live countdowns ({@link Stage}):
 * <pre>
 *   Training model v1 ... epoch k of n
 *   Scoring live with v1 on every key (waiting for the first scores)
 *   Scoring live with v1 on every key; v2 comes as a canary in 42 s
 *   Training model v2 ... epoch k of n
 *   Scoring live: v2 on 50% of the keys (3 of 6), v1 on the others; promotion in 17 s
 *   Scoring live with v2 on every key (promoted)
 * </pre>
 * and, once a CSV has been streamed to its end, a last line that says so and which model serves (it
 * stays: nothing is scored after it).
 */
final class DemoHeader {
    private final Consumer<Stage> out;
    private String serving;
    private boolean promoted;
    private boolean ended;

    DemoHeader(Consumer<Stage> out) {
        this.out = out;
    }

    synchronized void trainingV1(long events, int keys) {
        show(Stage.of(format("Training model v1 on the first %d events of %s...", events, keys(keys))));
    }

    synchronized void epoch(long version, int epoch, int epochs) {
        show(Stage.of(format("Training model v%d: epoch %d of %d...", version, epoch, epochs)));
    }

    /** v1 is released and the events stream; the rollout's clock starts with the first scores. */
    synchronized void waitingForScores() {
        serving = "v1 serves every key";
        show(Stage.of("Scoring live with v1 on every key (waiting for the first scores)"));
    }

    /** v1 serves every key; the canary's training begins at {@code canaryAt} (epoch ms). */
    synchronized void liveOnV1(long canaryAt) {
        serving = "v1 serves every key";
        show(Stage.countingDownTo("Scoring live with v1 on every key; v2 comes as a canary " + Stage.COUNTDOWN, canaryAt));
    }

    synchronized void training(long version, long events) {
        show(Stage.of(format("Training model v%d on %d events (everything so far)...", version, events)));
    }

    /** {@code version} serves {@code covered} of the {@code keys} keys; promotion at {@code promoteAt}. */
    synchronized void canary(long version, double percent, int covered, int keys, long promoteAt) {
        String share = format("v%d on %s%% of the keys (%d of %d)", version, DemoTimeline.percent(percent), covered, keys);
        serving = covered == keys ? share : share + ", v1 on the others";
        show(Stage.countingDownTo("Scoring live: " + serving + "; promotion " + Stage.COUNTDOWN, promoteAt));
    }

    synchronized void promoted(long version) {
        serving = format("v%d serves every key", version);
        promoted = true;
        show(Stage.of(format("Scoring live with v%d on every key (promoted)", version)));
    }

    /** The CSV has been streamed to its end: the last line, which stays. */
    synchronized void streamEnded(long events) {
        show(Stage.of(format("The CSV stream has ended: all %d events are sent%s%s. Ctrl-C stops the demo.", events,
                serving == null ? "" : "; " + serving, promoted || serving == null ? "" : "; the rollout stops here")));
        ended = true;
    }

    private void show(Stage line) {
        if (!ended) {
            out.accept(line);
        }
    }

    private static String keys(int n) {
        return n + (n == 1 ? " key" : " keys");
    }

    private static String format(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
