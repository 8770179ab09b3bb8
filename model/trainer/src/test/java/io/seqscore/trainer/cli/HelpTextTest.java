package io.seqscore.trainer.cli;

import io.seqscore.trainer.testing.CliRun;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's --help renders: picocli formats each description, and a bare '%' there makes it warn on stderr. */
class HelpTextTest {
    @Test
    void shouldPrintEveryCommandsHelpWithoutAPicocliWarning() {
        List<List<String>> commands = new ArrayList<>();
        collect(new CommandLine(new TrainerCli()), new ArrayList<>(), commands);
        assertThat(commands).hasSizeGreaterThan(5);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>(command);
                args.add("--help");
                CliRun run = CliRun.of(args.toArray(String[]::new));
                assertThat(run.exitCode()).as("%s --help", command).isZero();
                assertThat(run.out()).as("%s --help", command).contains("Usage:");
                assertThat(run.out() + run.err()).as("%s --help", command).doesNotContain("picocli WARN");
            }
        } finally {
            System.setErr(err);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    private static void collect(CommandLine cli, List<String> path, List<List<String>> into) {
        into.add(List.copyOf(path));
        cli.getSubcommands().forEach((name, sub) -> {
            if (sub.getCommandSpec().name().equals(name)) {
                List<String> next = new ArrayList<>(path);
                next.add(name);
                collect(sub, next, into);
            }
        });
    }
}
