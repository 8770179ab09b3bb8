package io.seqscore.app.command;

/** The exit codes of the {@code seqscore} commands. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command failed while running (e.g. Kafka Streams stopped in ERROR). */
    public static final int FAILURE = 1;
    /** Bad command-line arguments. */
    public static final int USAGE = 2;
    /** The configuration is missing, unreadable or invalid (sysexits.h EX_CONFIG). */
    public static final int CONFIG = 78;

    private ExitCodes() {
    }
}
