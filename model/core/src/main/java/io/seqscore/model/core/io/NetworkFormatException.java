package io.seqscore.model.core.io;

/** The bytes are not a valid network of a format this build reads; the message says exactly why. */
public final class NetworkFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public NetworkFormatException(String message) {
        super(message);
    }
}
