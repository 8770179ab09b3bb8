package io.seqscore.trainer.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The -h/--help option of a trainer command whose --version is its own (picocli's standard help options would
 * add -V/--version), and the command's usage errors.
 */
final class CommandHelp {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    /** A usage error of the command: picocli prints it with the usage and exits with 2. */
    ParameterException usage(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
