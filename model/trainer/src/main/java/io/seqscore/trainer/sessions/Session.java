package io.seqscore.trainer.sessions;

import java.util.List;

/**
 * One session of a sessions file: its 1-based line and its symbols in order.
 *
 * @param line    the line it was read from, 1-based
 * @param symbols the symbols, in event order (at least one)
 */
public record Session(int line, List<String> symbols) {
    public Session {
        symbols = List.copyOf(symbols);
        if (symbols.isEmpty()) {
            throw new IllegalArgumentException("session on line " + line + " has no symbol");
        }
    }

    public int size() {
        return symbols.size();
    }

    /** The session with {@code end} as one more, last symbol; itself when {@code end} is null. */
    public Session withEnd(String end) {
        if (end == null) {
            return this;
        }
        List<String> s = new java.util.ArrayList<>(symbols);
        s.add(end);
        return new Session(line, s);
    }

    /** Every session {@link #withEnd with the end symbol}. */
    public static List<Session> withEnd(List<Session> sessions, String end) {
        return end == null ? sessions : sessions.stream().map(s -> s.withEnd(end)).toList();
    }
}
