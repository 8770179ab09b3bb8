package io.seqscore.app.replay;

/** A replay that cannot run or finish; the message is one line for the user. */
public final class ReplayException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ReplayException(String message) {
        super(message);
    }

    public ReplayException(String message, Throwable cause) {
        super(message, cause);
    }
}
