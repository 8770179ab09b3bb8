package io.seqscore.app.evaluate.m4;

/** An M4 input file that does not follow the layout; the message names the file, line and column. */
public final class M4FormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public M4FormatException(String message) {
        super(message);
    }
}
