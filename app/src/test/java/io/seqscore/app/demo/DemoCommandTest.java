package io.seqscore.app.demo;

import io.seqscore.app.cli.Main;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.seqscore.app.command.CliContext;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.testing.CommandLines;
import io.seqscore.app.testing.CommandLines.CapturedHooks;
import io.seqscore.app.testing.CommandLines.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoCommandTest {
    private final CapturedHooks captured = new CapturedHooks();
    private final List<Thread> hooks = captured.hooks();

    private Result run(String... args) {
        return CommandLines.run(Map.of(), captured, args);
    }

    @Test
    void shouldListEveryFlagInItsHelp() {
        Result r = run("demo", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: seqscore demo", "--port=PORT", "--rate=N", "--keys=N", "--csv=FILE",
                "--csv-format=FORMAT", "--bootstrap-servers=HOST:PORT", "--schema-registry=URL", "--canary-after=DURATION",
                "--promote-after=DURATION", "--canary-percent=PCT", "--duration=DURATION", "--set=KEY=VALUE",
                "Default: 8080");
        assertThat(run("--help").out()).contains("demo");
    }

    @Test
    void shouldRefuseBadFlagsInOneLineBeforeStartingAnything() {
        Result alone = run("demo", "--bootstrap-servers", "127.0.0.1:9092");
        assertThat(alone.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(alone.err().strip()).isEqualTo(
                "seqscore: --bootstrap-servers and --schema-registry go together (see 'seqscore demo --help')");

        Result rate = run("demo", "--rate", "0");
        assertThat(rate.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(rate.err()).contains("--rate must be in (0, 1000]");

        Result csv = run("demo", "--csv", "/no/such/file.csv");
        assertThat(csv.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(csv.err()).contains("--csv: no such file: /no/such/file.csv");

        Result percent = run("demo", "--canary-percent", "100");
        assertThat(percent.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(percent.err()).contains("the canary percentage must be in (0, 100)");

        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldRefuseABadScorerSettingInOneLineBeforeStartingAnything() {
        for (String[] args : new String[][] {{"demo", "-s", "seqscore.anomaly.detector=nosuch"},
                {"demo", "--sessions", "--set", "seqscore.anomaly.target.rate=2"}}) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
            assertThat(r.err()).startsWith("seqscore: --set: ").contains(args[args.length - 1].split("=")[0])
                    .doesNotContain("Exception", "\tat ");
        }
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldGiveTheScorerSettingsToBothDemos() {
        assertThat(parsed("-s", "seqscore.anomaly.detector=calibrated", "--set", "commit.interval.ms=250").options()
                .scorerSettings()).containsExactlyInAnyOrderEntriesOf(Map.of("seqscore.anomaly.detector", "calibrated",
                "commit.interval.ms", "250"));
        assertThat(parsed("--sessions", "-s", "seqscore.anomaly.next-symbol.top-g=5").sessionsOptions().scorerSettings())
                .containsExactlyEntriesOf(Map.of("seqscore.anomaly.next-symbol.top-g", "5"));
        assertThat(parsed().options().scorerSettings()).isEmpty();
    }

    /** The demo command with {@code args} parsed, not run. */
    private DemoCommand parsed(String... args) {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        DemoCommand command = new DemoCommand(new CliContext(Map.of(), captured, nowhere, nowhere));
        new CommandLine(command).parseArgs(args);
        return command;
    }

    @Test
    void shouldNameABadValueInOneLineWithoutAJavaExceptionClass() {
        for (String[] args : new String[][] {{"demo", "--duration", "5x"}, {"demo", "--canary-after", "PTx"},
                {"demo", "--csv-format", "wide"}, {"demo", "--time-zone", "Mars/Olympus"}}) {
            Result r = run(args);
            assertThat(r.code()).as(String.join(" ", args)).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
            assertThat(r.err()).as(r.err()).startsWith("seqscore: Invalid value for option '" + args[1] + "': '"
                    + args[2] + "' is not ").doesNotContain("Exception", "java.");
        }
        assertThat(run("demo", "--duration", "5x").err()).contains("(e.g. 1500, 30s, 5m, 2h, PT1M)");
        assertThat(run("demo", "--csv-format", "wide").err()).contains("'wide' is not one of long, series");
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldRefuseABadCsvInOneLineBeforeStartingABroker(@TempDir Path dir) throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.csv"), "x\n");
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        Logger demo = (Logger) LoggerFactory.getLogger("seqscore.demo");
        log.start();
        demo.addAppender(log);
        try {
            Result r = run("demo", "--csv", bad.toString(), "--port", "0");
            assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
            assertThat(r.err().strip()).isEqualTo("seqscore: demo failed: cannot stream --csv " + bad
                    + ":1: expected the columns key,timestamp,value[,value...], found 1 column");
        } finally {
            demo.detachAppender(log);
        }
        assertThat(log.list).extracting(ILoggingEvent::getFormattedMessage)
                .noneMatch(m -> m.contains("Kafka")).noneMatch(m -> m.startsWith("Stopping the demo"));
        assertThat(hooks).isEmpty();
    }

    /** The series demo trains a model of values: a CSV of symbols and values is refused, naming what reads one. */
    @Test
    void shouldRefuseACsvOfSymbolsInOneLineNamingTheCommandsThatReadOne(@TempDir Path dir) throws Exception {
        Path symbols = Files.writeString(dir.resolve("io.csv"), "io-1,2026-01-01T00:00:00Z,read,120.5\n");
        Result r = run("demo", "--csv", symbols.toString(), "--csv-format", "symbols", "--port", "0");
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.err().strip()).isEqualTo("seqscore: demo failed: cannot stream --csv " + symbols + ":1: this command"
                + " reads events of values only, not a symbol (--csv-format symbols is read by seqscore-trainer train and"
                + " seqscore produce)");
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldRefuseTheSeriesDemosFlagsWithSessionsAndTheSessionsFlagsWithout() {
        for (String[] flag : new String[][] {{"--csv", "x.csv"}, {"--history", "500"}, {"--canary-after", "5s"}}) {
            Result r = run("demo", "--sessions", flag[0], flag[1]);
            assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
            assertThat(r.err().strip()).isEqualTo("seqscore: " + flag[0] + " does not apply to --sessions (see 'seqscore"
                    + " demo --help')");
        }
        Result rate = run("demo", "--sessions", "--anomaly-rate", "1.5");
        assertThat(rate.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(rate.err()).contains("--anomaly-rate must be in [0, 1], got 1.5");
        Result without = run("demo", "--anomaly-rate", "0.5");
        assertThat(without.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(without.err()).contains("--anomaly-rate applies to --sessions only");
        assertThat(run("demo", "--help").out()).contains("--sessions", "--anomaly-rate=F");
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldFailInOneLineWhenThePortIsTakenInTheSessionsDemoToo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("demo", "--sessions", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err().strip()).startsWith("seqscore: demo failed: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is in use").endsWith("choose another with --port");
        }
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldFailInOneLineWhenThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = run("demo", "--port", Integer.toString(taken.getLocalPort()));
            assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.err().strip()).startsWith("seqscore: demo failed: port " + taken.getLocalPort()
                    + " on 127.0.0.1 is in use").endsWith("choose another with --port");
        }
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldReadDurationsInMillisecondsSecondsMinutesHoursOrIso() {
        DemoCommand.DurationConverter c = new DemoCommand.DurationConverter();
        assertThat(c.convert("1500")).isEqualTo(Duration.ofMillis(1500));
        assertThat(c.convert("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(c.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(c.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(c.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.convert("pt2s")).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> c.convert("soon")).hasMessage("'soon' is not a duration (e.g. 1500, 30s, 5m, 2h, PT1M)");
        assertThatThrownBy(() -> c.convert("3d")).hasMessageContaining("'3d' is not a duration");
        assertThatThrownBy(() -> c.convert("99999999999999999999s")).hasMessageContaining("is not a duration");
    }
}
