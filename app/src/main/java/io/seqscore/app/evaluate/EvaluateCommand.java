package io.seqscore.app.evaluate;

import io.seqscore.app.command.CliContext;
import io.seqscore.app.evaluate.nab.NabCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code seqscore evaluate BENCHMARK ...}: runs a public benchmark through the real pipeline. Each benchmark is
 * one subcommand, added in {@link #commandLine}.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "BENCHMARK",
        description = "Run a public benchmark end to end (train, publish, score on an embedded broker) and write its results layout.")
public final class EvaluateCommand implements Runnable {
    @Spec
    private CommandSpec spec;

    /** The {@code evaluate} command with its benchmarks; a new benchmark is one more {@code addSubcommand} here. */
    public static CommandLine commandLine(CliContext context) {
        return new CommandLine(new EvaluateCommand())
                .addSubcommand(new NabCommand())
                .addSubcommand(new io.seqscore.app.evaluate.m4.M4Command(context))
                .addSubcommand(new io.seqscore.app.evaluate.sessions.SessionsCommand());
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a benchmark is required: one of "
                + String.join(", ", spec.commandLine().getSubcommands().keySet()));
    }
}
