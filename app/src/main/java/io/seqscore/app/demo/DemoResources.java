package io.seqscore.app.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What a demo has started, to close newest first when it stops; thread-safe. Once closing has begun, a resource
 * tracked is closed at once and the start stops with {@link DemoRun.DemoStopped}.
 */
final class DemoResources {
    private static final Logger LOG = LoggerFactory.getLogger("seqscore.demo");

    private final Deque<AutoCloseable> resources = new ArrayDeque<>();
    private boolean closing;

    /**
     * How {@link #startClosing()} found the resources.
     *
     * @param first   closing begins with this call (it had not begun before)
     * @param started anything was tracked
     */
    record Closing(boolean first, boolean started) {
    }

    @FunctionalInterface
    interface Closer<T> {
        void close(T resource) throws Exception;
    }

    /** Tracks {@code resource} to close it on stop; when stopping already, closes it and throws DemoStopped. */
    <T extends AutoCloseable> T track(T resource) {
        return track(resource, AutoCloseable::close);
    }

    /** Tracks {@code resource}, closed by {@code closer} on stop; as {@link #track(AutoCloseable)}. */
    <T> T track(T resource, Closer<T> closer) {
        synchronized (resources) {
            if (!closing) {
                resources.addFirst(() -> closer.close(resource));
                return resource;
            }
        }
        try {
            closer.close(resource);
        } catch (Exception e) {
            LOG.debug("closing after stop", e);
        }
        throw new DemoRun.DemoStopped();
    }

    /** Marks the resources closing: from now on a resource tracked is closed at once. */
    Closing startClosing() {
        synchronized (resources) {
            boolean first = !closing;
            closing = true;
            return new Closing(first, !resources.isEmpty());
        }
    }

    /** Closes what was tracked, newest first, a failure logged as a warning and the next one closed. */
    void closeAll() {
        while (true) {
            AutoCloseable r;
            synchronized (resources) {
                r = resources.pollFirst();
            }
            if (r == null) {
                return;
            }
            try {
                r.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                LOG.warn("While stopping the demo: {}", e.toString());
            }
        }
    }
}
