package io.seqscore.app.topics;

/** Topics are missing and may not be created, or the broker could not be asked about them; the message is one line. */
public final class TopicCheckException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TopicCheckException(String message, Throwable cause) {
        super(message, cause);
    }
}
