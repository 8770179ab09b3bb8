package io.seqscore.app.cli;

import io.seqscore.app.command.CliContext;
import io.seqscore.app.testing.CommandLines;
import io.seqscore.app.testing.CommandLines.Result;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every command's --help renders: picocli formats each description, and a bare '%' there makes it warn on stderr. */
class HelpTextTest {
    @Test
    void shouldPrintEveryCommandsHelpWithoutAPicocliWarning() {
        List<List<String>> commands = new ArrayList<>();
        CliContext context = new CliContext(Map.of(), new CommandLines.CapturedHooks(),
                new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        collect(Main.commandLine(context), new ArrayList<>(), commands);
        assertThat(commands).hasSizeGreaterThan(8);
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (List<String> command : commands) {
                List<String> args = new ArrayList<>(command);
                args.add("--help");
                Result r = CommandLines.run(args.toArray(String[]::new));
                assertThat(r.code()).as("%s --help: %s", command, r.err()).isZero();
                assertThat(r.out()).as("%s --help", command).contains("Usage:");
                assertThat(r.out() + r.err()).as("%s --help", command).doesNotContain("picocli WARN");
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
