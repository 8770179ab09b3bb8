package io.seqscore.app.produce;

import java.io.PrintWriter;
import java.util.Locale;

/** A progress line redrawn in place on a terminal (events sent, rate), at most ten times a second; silent otherwise. */
public final class ProduceProgress {
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintWriter terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private boolean drawn;

    private ProduceProgress(PrintWriter terminal) {
        this.terminal = terminal;
    }

    /** Draws on {@code err} when the process has a terminal. */
    public static ProduceProgress forConsole(PrintWriter err) {
        return new ProduceProgress(System.console() != null ? err : null);
    }

    public static ProduceProgress none() {
        return new ProduceProgress(null);
    }

    void sent(long count) {
        if (terminal == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        drawn = true;
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        terminal.print(String.format(Locale.ROOT, "\rproduced %,d events  %,.0f events/s ", count, count / seconds));
        terminal.flush();
    }

    void done() {
        if (drawn) {
            terminal.print("\r" + " ".repeat(60) + "\r");
            terminal.flush();
        }
    }
}
