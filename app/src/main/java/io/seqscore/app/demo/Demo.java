package io.seqscore.app.demo;

import java.time.Duration;

/** One run of {@code seqscore demo}: the series demo ({@link DemoRun}) or the sessions demo ({@link SessionsDemoRun}). */
interface Demo extends AutoCloseable {
    /** Brings the demo up; returns once events stream live. */
    void start() throws InterruptedException;

    /** Blocks until {@link #close()} or, when {@code duration} is positive, until it has passed since the start. */
    void awaitStop(Duration duration) throws InterruptedException;

    /** The port the dashboard listens on, once started. */
    int httpPort();

    /** Stops everything started so far; idempotent, callable from any thread (a shutdown hook). */
    @Override
    void close();
}
