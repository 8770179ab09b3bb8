package io.seqscore.trainer.cli;

import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.release.TrainerVersion;
import io.seqscore.trainer.source.InputFormatException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

import java.io.PrintWriter;
import java.util.List;

/**
 * The {@code seqscore-trainer} command. Exit codes: 0 success; 1 the run failed (bad input under
 * {@code --on-bad-input fail}, unreadable file, unreachable broker, ...); 2 bad arguments; 3 inspect found
 * an invalid signature or weights. A failure is reported as one line on stderr, never a stack trace
 * (an unexpected internal error is also logged with its trace).
 */
@Command(name = "seqscore-trainer", mixinStandardHelpOptions = true, versionProvider = TrainerCli.Version.class,
        subcommands = {TrainCommand.class, PublishCommand.class, InspectCommand.class, KeygenCommand.class,
                GenerateCommand.class, RolloutCommand.class, CrossValidateCommand.class},
        description = "Trains seqscore models offline and releases them to the models topic.")
public final class TrainerCli implements Runnable {
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    private static final Logger LOG = LoggerFactory.getLogger(TrainerCli.class);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: train, publish, inspect, keygen, generate, rollout or cross-validate");
    }

    /** Runs the command line; returns the exit code. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new TrainerCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((e, a) -> {
            CommandLine cmd = e.getCommandLine();
            cmd.getErr().println("error: " + usageMessage(e) + " (see " + cmd.getCommandSpec().qualifiedName() + " --help)");
            cmd.getErr().flush();
            return USAGE;
        });
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof TrainerException || e instanceof InputFormatException) {
                cmd.getErr().println("error: " + e.getMessage());
            } else {
                LOG.error("unexpected failure", e);
                cmd.getErr().println("error: unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
            }
            cmd.getErr().flush();
            return FAILED;
        });
        return cli.execute(args);
    }

    /**
     * What was wrong with the arguments: an unknown option before anything else (picocli reports a missing
     * required option first, which hides a misspelt one: {@code train --csvv x} lacks {@code --name} only
     * because {@code --csvv} is not {@code --csv}), without picocli's own "Error: " prefix.
     */
    static String usageMessage(CommandLine.ParameterException e) {
        List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
        String message = !(e instanceof CommandLine.UnmatchedArgumentException) && !unmatched.isEmpty()
                ? new CommandLine.UnmatchedArgumentException(e.getCommandLine(), unmatched).getMessage()
                : e.getMessage();
        return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
    }

    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"seqscore-trainer " + TrainerVersion.get()};
        }
    }
}
