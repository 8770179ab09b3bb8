package io.seqscore.trainer.testing;

import io.seqscore.trainer.cli.TrainerCli;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/** One run of the command line in this JVM: exit code, stdout and stderr. */
public record CliRun(int exitCode, String out, String err) {
    public static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = TrainerCli.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new CliRun(code, out.toString(), err.toString());
    }

    /** Asserts a usage error: exit code 2 and one line on stderr that contains {@code message}. */
    public void assertUsageError(String message) {
        assertThat(exitCode).as(err).isEqualTo(2);
        assertThat(err.strip()).doesNotContain("\n").contains(message);
    }
}
