package io.seqscore.app.evaluate.nab;

/** A data directory that is not laid out as NAB's, or a file in it that is malformed (the message names file and line). */
public final class NabFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NabFormatException(String message) {
        super(message);
    }
}
