package io.seqscore.app.scoring;

/**
 * Why an event was not scored, as named in its dead-letter headers. Never thrown: built without a
 * stack trace and carried to the dead-letter topic.
 */
public final class EventRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EventRejectedException(String message) {
        super(message, null, false, false);
    }
}
