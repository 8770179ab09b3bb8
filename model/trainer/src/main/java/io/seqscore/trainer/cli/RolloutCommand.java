package io.seqscore.trainer.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "rollout", mixinStandardHelpOptions = true, subcommands = RolloutWatchCommand.class,
        description = "Decide rollouts from the evidence on the scores topics.")
final class RolloutCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: watch");
    }
}
