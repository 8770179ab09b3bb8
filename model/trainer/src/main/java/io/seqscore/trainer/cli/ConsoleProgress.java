package io.seqscore.trainer.cli;

import io.seqscore.trainer.train.EpochSummary;
import io.seqscore.trainer.train.TrainingProgress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress for people: on a terminal a bar redrawn in place (epoch, batch, loss, last validation
 * loss, windows per second, ETA if every epoch runs); otherwise one log line per epoch.
 */
final class ConsoleProgress implements TrainingProgress {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleProgress.class);
    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    enum Mode { AUTO, BAR, LINES, NONE }

    private final PrintWriter terminal;
    private final long start = System.nanoTime();
    private long lastDraw;
    private long batchesDone;
    private double validation = Double.NaN;

    private ConsoleProgress(PrintWriter terminal) {
        this.terminal = terminal;
    }

    static TrainingProgress create(Mode mode, PrintWriter err) {
        Mode m = mode == Mode.AUTO ? (System.console() != null ? Mode.BAR : Mode.LINES) : mode;
        return switch (m) {
            case BAR -> new ConsoleProgress(err);
            case LINES -> new ConsoleProgress(null);
            default -> TrainingProgress.NONE;
        };
    }

    @Override
    public void batch(int epoch, int epochs, int done, int batches, double loss, long windows) {
        batchesDone++;
        if (terminal == null) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDraw < REDRAW_NANOS && done < batches) {
            return;
        }
        lastDraw = now;
        double seconds = Math.max((now - start) / 1e9, 1e-9);
        long remaining = (long) epochs * batches - batchesDone;
        int filled = (int) ((long) WIDTH * done / batches);
        terminal.print(String.format(Locale.ROOT, "\repoch %d/%d [%s] %d/%d loss %.5f val %.5f %.0f windows/s ETA %s ",
                epoch, epochs, "#".repeat(filled) + ".".repeat(WIDTH - filled), done, batches, loss, validation,
                windows / seconds, clock(seconds / batchesDone * remaining)));
        terminal.flush();
    }

    @Override
    public void epoch(EpochSummary s) {
        validation = s.validationLoss();
        double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
        String line = String.format(Locale.ROOT, "epoch %d/%d  loss %.5f  validation %.5f%s  %.0f windows/s  ETA %s",
                s.epoch(), s.epochs(), s.trainLoss(), s.validationLoss(), s.best() ? " *" : "  ",
                s.windows() / seconds, clock(seconds / s.epoch() * (s.epochs() - s.epoch())));
        if (terminal != null) {
            terminal.print("\r" + line + " ".repeat(40) + "\n");
            terminal.flush();
        } else {
            LOG.info(line);
        }
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
