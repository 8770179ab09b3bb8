package io.seqscore.app.testing;

import io.seqscore.app.command.ShutdownHooks;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.cli.Main;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A long-running {@code seqscore} command ({@code broker}, {@code run}) on a thread of this JVM, as a process
 * would run it: its stdout and stderr captured, and {@link #stop()} doing what Ctrl-C does (running the
 * shutdown hooks the command registered).
 */
public final class BackgroundCommand implements AutoCloseable {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLines.CapturedHooks hooks = new CommandLines.CapturedHooks();
    private final CompletableFuture<Integer> exit;

    private BackgroundCommand(Map<String, String> env, String... args) {
        CliContext context = new CliContext(env, hooks, new PrintWriter(out, true), new PrintWriter(err, true));
        exit = CompletableFuture.supplyAsync(() -> Main.execute(args, context), r -> {
            Thread t = new Thread(r, "seqscore-" + args[0]);
            t.setDaemon(true);
            t.start();
        });
    }

    /** A command that ends by itself, run to its end. */
    public record Result(int code, String out, String err) {
    }

    /** Runs a command that ends by itself ({@code produce}) in this thread. */
    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new CliContext(Map.of(), ShutdownHooks.RUNTIME, new PrintWriter(out, true),
                new PrintWriter(err, true)));
        return new Result(code, out.toString(), err.toString());
    }

    public static BackgroundCommand start(Map<String, String> env, String... args) {
        return new BackgroundCommand(env, args);
    }

    /** Waits until stdout holds {@code text}; fails early when the command ends first. */
    public String awaitOutput(String text, Duration timeout) {
        Await.until(timeout, "the output contains '" + text + "' (stderr: " + err + ")", () -> {
            if (exit.isDone() && !out.toString().contains(text)) {
                throw new AssertionError("the command ended with " + exit.join() + " before printing '" + text
                        + "'; stderr: " + err + " stdout: " + out);
            }
            return out.toString().contains(text);
        });
        return out.toString();
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }

    /** Does what SIGINT does (runs the registered shutdown hooks) and returns the exit code. */
    public int stop() {
        for (Thread hook : hooks.hooks()) {
            hook.start();
        }
        for (Thread hook : hooks.hooks()) {
            try {
                hook.join(TimeUnit.SECONDS.toMillis(60));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return exit.orTimeout(60, TimeUnit.SECONDS).join();
    }

    @Override
    public void close() {
        if (!exit.isDone()) {
            stop();
        }
    }
}
