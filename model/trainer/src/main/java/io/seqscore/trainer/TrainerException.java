package io.seqscore.trainer;

/** A problem the user can fix (a missing file, an empty data set, an unreachable topic); the message says what. */
public class TrainerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainerException(String message) {
        super(message);
    }

    public TrainerException(String message, Throwable cause) {
        super(message, cause);
    }
}
