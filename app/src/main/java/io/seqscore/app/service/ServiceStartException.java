package io.seqscore.app.service;

/** The service could not start (e.g. its HTTP port is taken); the message says why in one line. */
public final class ServiceStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ServiceStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
