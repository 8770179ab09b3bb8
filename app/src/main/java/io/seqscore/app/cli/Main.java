package io.seqscore.app.cli;

import io.seqscore.app.command.CliContext;
import io.seqscore.app.command.CommandFailure;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.demo.DemoCommand;
import io.seqscore.app.evaluate.EvaluateCommand;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;

/**
 * The {@code seqscore} command line: {@code seqscore run --config FILE} and the commands added beside it.
 * Bad arguments or configuration end with one line on stderr and a non-zero exit code
 * ({@link ExitCodes}), never a stack trace.
 */
@Command(name = "seqscore", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Streaming per-key recurrent sequence scoring on Apache Kafka.")
public final class Main implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args, CliContext.system()));
    }

    /** Runs the command line {@code args} in {@code context}; returns the exit code. */
    public static int execute(String[] args, CliContext context) {
        return commandLine(context).execute(args);
    }

    /** The command hierarchy; a new command is one more {@code addSubcommand} here. */
    static CommandLine commandLine(CliContext context) {
        CommandLine cmd = new CommandLine(new Main())
                .addSubcommand(new RunCommand(context))
                .addSubcommand(new BrokerCommand(context))
                .addSubcommand(ProduceCommand.commandLine(context))
                .addSubcommand(new DemoCommand(context))
                .addSubcommand(new io.seqscore.app.perf.PerfCommand(context))
                .addSubcommand(new ReplayCommand(context))
                .addSubcommand(EvaluateCommand.commandLine(context))
                .addSubcommand(new SettingsTableCommand());
        cmd.setOut(context.out());
        cmd.setErr(context.err());
        cmd.setParameterExceptionHandler(Main::usageError);
        cmd.setExecutionExceptionHandler((e, commandLine, parseResult) -> failure(e, commandLine.getErr()));
        return cmd;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is required: one of "
                + String.join(", ", spec.commandLine().getSubcommands().entrySet().stream()
                .filter(e -> !e.getValue().getCommandSpec().usageMessage().hidden()).map(e -> e.getKey()).toList()));
    }

    private static int usageError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        if (!(e instanceof UnmatchedArgumentException) && !cmd.getUnmatchedArguments().isEmpty()) {
            message = "Unknown arguments: " + String.join(" ", cmd.getUnmatchedArguments());
        }
        cmd.getErr().println("seqscore: " + oneLine(message) + " (see '"
                + cmd.getCommandSpec().qualifiedName() + " --help')");
        cmd.getErr().flush();
        return ExitCodes.USAGE;
    }

    private static int failure(Exception e, PrintWriter err) {
        int code;
        String message;
        if (e instanceof CommandFailure f) {
            code = f.exitCode();
            message = f.getMessage();
        } else {
            code = ExitCodes.FAILURE;
            message = "failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        }
        LOG.debug("Command failed", e);
        err.println("seqscore: " + oneLine(message));
        err.flush();
        return code;
    }

    static String oneLine(String message) {
        return message == null ? "" : message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
