package io.seqscore.app.model;

/** A model release failed validation; the message is the precise reason, shown in logs and the models API. */
public final class ReleaseRejectedException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReleaseRejectedException(String reason) {
        super(reason);
    }

    public ReleaseRejectedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
