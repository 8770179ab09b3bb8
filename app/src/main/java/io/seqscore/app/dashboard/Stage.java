package io.seqscore.app.dashboard;

import java.util.Objects;

/**
 * The dashboard's header line: what is happening now, as the demo sets it. A line may count down to a
 * wall-clock moment: {@value #COUNTDOWN} in its text becomes the time left when each snapshot is taken
 * ("in 42 s", "in 2 min 5 s"; "any moment now" once the moment has passed), so the page shows a live
 * countdown without a clock of its own.
 *
 * @param text  the line, with at most one {@value #COUNTDOWN}
 * @param until the moment counted down to (epoch ms); ignored when the text has no {@value #COUNTDOWN}
 */
public record Stage(String text, long until) {
    public static final String COUNTDOWN = "{countdown}";

    public Stage {
        Objects.requireNonNull(text, "text");
    }

    public static Stage of(String text) {
        return new Stage(text, 0);
    }

    public static Stage countingDownTo(String text, long until) {
        if (!text.contains(COUNTDOWN)) {
            throw new IllegalArgumentException("a countdown line needs " + COUNTDOWN + ": " + text);
        }
        return new Stage(text, until);
    }

    /** The line as it reads at {@code now}. */
    public String render(long now) {
        int at = text.indexOf(COUNTDOWN);
        if (at < 0) {
            return text;
        }
        return text.substring(0, at) + left(until - now) + text.substring(at + COUNTDOWN.length());
    }

    private static String left(long millis) {
        if (millis <= 0) {
            return "any moment now";
        }
        long seconds = (millis + 999) / 1000;
        return seconds < 120 ? "in " + seconds + " s" : "in " + seconds / 60 + " min " + seconds % 60 + " s";
    }
}
