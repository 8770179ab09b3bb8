package io.seqscore.trainer.source;

/** A line or record that cannot be read; the message is "location: reason", e.g. {@code data.csv:17: ...}. */
public final class InputFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String location;
    private final String reason;

    public InputFormatException(String location, String reason) {
        super(location + ": " + reason);
        this.location = location;
        this.reason = reason;
    }

    public String location() {
        return location;
    }

    public String reason() {
        return reason;
    }
}
