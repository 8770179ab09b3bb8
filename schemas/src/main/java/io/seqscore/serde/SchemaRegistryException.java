package io.seqscore.serde;

/**
 * A Schema Registry request failed: the registry answered with an error (its HTTP status and the
 * {@code error_code} of its JSON error body, e.g. 404/40401 subject not found, 404/40403 schema not
 * found, 409 incompatible schema, 422/42201 invalid schema), or no registry answered successfully within
 * the bounded retries (then {@link #status()} is the last 5xx/408/429 status seen, or {@link #NO_RESPONSE}
 * when none answered at all; {@link #isTransient()} is true). Messages name the request with the URL
 * stripped of credentials; they never contain credentials.
 */
public class SchemaRegistryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** {@link #status()} when no registry answered. */
    public static final int NO_RESPONSE = 0;

    public static final int SUBJECT_NOT_FOUND = 40401;
    public static final int VERSION_NOT_FOUND = 40402;
    public static final int SCHEMA_NOT_FOUND = 40403;
    public static final int INCOMPATIBLE_SCHEMA = 409;
    public static final int INVALID_SCHEMA = 42201;

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = NO_RESPONSE;
        this.errorCode = NO_RESPONSE;
    }

    /** The HTTP status the registry answered, or {@link #NO_RESPONSE}. */
    public int status() {
        return status;
    }

    /** The registry's {@code error_code} (the HTTP status when its body had none), or {@link #NO_RESPONSE}. */
    public int errorCode() {
        return errorCode;
    }

    /** No registry answered at all (I/O errors or time-outs on every attempt). */
    public boolean isUnreachable() {
        return status == NO_RESPONSE;
    }

    /**
     * The failure may go away by itself (unreachable, 5xx, 408 or 429 on every attempt), as opposed to
     * an answer about the request itself (other 4xx) that retrying cannot change.
     */
    public boolean isTransient() {
        return isRetryableStatus(status);
    }

    static boolean isRetryableStatus(int status) {
        return status == NO_RESPONSE || status >= 500 || status == 408 || status == 429;
    }

    public boolean isNotFound() {
        return status == 404;
    }
}
