package io.seqscore.app.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The models being served, by name: fed by the models topic's global store, read by every stream
 * thread. A newer version replaces the serving one atomically (a reader sees the old model or the new
 * one, never a mix); the same version again is ignored (restores replay releases); an older version is
 * rejected and the serving one stays. Rejections are kept (the most recent {@link #MAX_REJECTIONS})
 * with their reasons. Thread-safe; {@link #serving(String)} is a lock-free map read.
 *
 * <p>This scorer serves a release fully on arrival. A release asking for a canary or shadow rollout or
 * for event-time activation is rejected with that reason: those belong to the rollout, which replaces
 * {@link #admit(ServingModel)}.
 */
public final class ModelRegistry {
    public static final int MAX_REJECTIONS = 64;

    /** What {@link #offer} did with a model. */
    public enum Outcome { SERVING, ALREADY_SERVING, REJECTED }

    /** An {@link Outcome} and, when rejected, why. */
    public record Decision(Outcome outcome, String reason) {
    }

    private final ConcurrentHashMap<String, ServingModel> serving = new ConcurrentHashMap<>();
    private final Deque<RejectedRelease> rejections = new ArrayDeque<>();
    private final LongAdder swaps = new LongAdder();
    private final LongAdder rejected = new LongAdder();

    /** The model serving {@code name}, or null. */
    public ServingModel serving(String name) {
        return serving.get(name);
    }

    public boolean isServing(String name, long version) {
        ServingModel m = serving.get(name);
        return m != null && m.version() == version;
    }

    /** Every serving model by name (a snapshot). */
    public Map<String, ServingModel> servingModels() {
        return new TreeMap<>(serving);
    }

    /**
     * Offers a decoded release.
     *
     * @param now wall-clock time, recorded with a rejection
     */
    public Decision offer(ServingModel model, long now) {
        String admission = admit(model);
        if (admission != null) {
            reject(model.name(), model.version(), admission, now);
            return new Decision(Outcome.REJECTED, admission);
        }
        Outcome[] outcome = new Outcome[1];
        String[] stale = new String[1];
        serving.compute(model.name(), (name, current) -> {
            if (current == null || model.version() > current.version()) {
                outcome[0] = Outcome.SERVING;
                return model;
            }
            if (model.version() == current.version()) {
                outcome[0] = Outcome.ALREADY_SERVING;
            } else {
                outcome[0] = Outcome.REJECTED;
                stale[0] = "version " + model.version() + " is older than the serving version " + current.version();
            }
            return current;
        });
        if (outcome[0] == Outcome.SERVING) {
            swaps.increment();
        } else if (stale[0] != null) {
            reject(model.name(), model.version(), stale[0], now);
        }
        return new Decision(outcome[0], stale[0]);
    }

    /** Records a release that could not be served. */
    public void reject(String name, long version, String reason, long now) {
        rejected.increment();
        synchronized (rejections) {
            if (rejections.size() == MAX_REJECTIONS) {
                rejections.removeFirst();
            }
            rejections.addLast(new RejectedRelease(name, version, reason, now));
        }
    }

    /** Stops serving a model (a tombstone on the models topic); its keys then score as NO_MODEL. */
    public boolean retire(String name) {
        return serving.remove(name) != null;
    }

    /** Recent rejections, oldest first. */
    public List<RejectedRelease> rejections() {
        synchronized (rejections) {
            return List.copyOf(new ArrayList<>(rejections));
        }
    }

    /** Models put into service so far (first arrivals and swaps). */
    public long swapCount() {
        return swaps.sum();
    }

    public long rejectedCount() {
        return rejected.sum();
    }

    /** Null when this scorer can serve the model as its rollout directive asks, otherwise why not. */
    private static String admit(ServingModel model) {
        Rollout r = model.rollout();
        if (r.mode() != Rollout.Mode.FULL) {
            return "rollout mode " + r.mode() + " is not supported by this scorer (only FULL)";
        }
        if (r.activateAt() != null) {
            return "event-time activation (activateAt) is not supported by this scorer";
        }
        return null;
    }
}
