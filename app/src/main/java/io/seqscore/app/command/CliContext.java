package io.seqscore.app.command;

import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.Map;
import java.util.Objects;

/**
 * What the commands take from the process: the environment ({@code SEQSCORE_*} overrides), the
 * shutdown hooks, and the streams for their output and their one-line errors.
 */
public record CliContext(Map<String, String> env, ShutdownHooks hooks, PrintWriter out, PrintWriter err) {
    public CliContext {
        Objects.requireNonNull(env, "env");
        Objects.requireNonNull(hooks, "hooks");
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
    }

    /** This process's environment, JVM shutdown hooks, stdout and stderr. */
    public static CliContext system() {
        return new CliContext(System.getenv(), ShutdownHooks.RUNTIME,
                new PrintWriter(System.out, true, Charset.defaultCharset()),
                new PrintWriter(System.err, true, Charset.defaultCharset()));
    }
}
