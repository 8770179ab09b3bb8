package io.seqscore.app.state;

/** A key's stored state bytes are not a valid state of a known format version; the message says which field. */
public final class StateFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public StateFormatException(String message) {
        super(message);
    }
}
