package io.seqscore.app.testing;

import io.seqscore.app.cli.Main;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.command.ShutdownHooks;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Runs the {@code seqscore} command line in this JVM, its output and shutdown hooks captured. */
public final class CommandLines {
    private CommandLines() {
    }

    /** What a run printed and returned. */
    public record Result(int code, String out, String err) {
        /** The only line on stderr (a failure must print exactly one, and no stack trace). */
        public String errLine() {
            assertThat(err.lines().toList()).as("stderr: " + err).hasSize(1);
            assertThat(err).doesNotContain("\tat ").doesNotContain("Exception:");
            return err.strip();
        }
    }

    /** Shutdown hooks kept in a list instead of the JVM's, for a test to run or inspect. */
    public static final class CapturedHooks implements ShutdownHooks {
        private final List<Thread> hooks = new CopyOnWriteArrayList<>();

        @Override
        public void add(Thread hook) {
            hooks.add(hook);
        }

        @Override
        public void remove(Thread hook) {
            hooks.remove(hook);
        }

        public List<Thread> hooks() {
            return hooks;
        }
    }

    /** Runs {@code args} with no environment and hooks nobody runs. */
    public static Result run(String... args) {
        return run(Map.of(), new CapturedHooks(), args);
    }

    public static Result run(Map<String, String> env, ShutdownHooks hooks, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new CliContext(env, hooks, new PrintWriter(out), new PrintWriter(err)));
        return new Result(code, out.toString(), err.toString());
    }
}
