package io.seqscore.app.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.testing.CommandLines;
import io.seqscore.app.testing.CommandLines.CapturedHooks;
import io.seqscore.app.testing.CommandLines.Result;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @TempDir
    Path dir;

    private final CapturedHooks captured = new CapturedHooks();
    private final List<Thread> hooks = captured.hooks();

    private Result run(Map<String, String> env, String... args) {
        return CommandLines.run(env, captured, args);
    }

    private Result run(String... args) {
        return run(Map.of(), args);
    }

    private Path config(String text) throws IOException {
        Path file = dir.resolve("scorer.properties");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void shouldPrintUsageOnHelpWithoutTheHiddenCommands() {
        Result r = run("--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Usage: seqscore", "run").doesNotContain("settings-table");
        assertThat(r.err()).isEmpty();

        Result run = run("run", "--help");
        assertThat(run.code()).isZero();
        assertThat(run.out()).contains("Usage: seqscore run", "--config=FILE");
    }

    @Test
    void shouldPrintTheVersionWithKafkaAndJava() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("seqscore development build (Kafka Streams " + AppInfoParser.getVersion()
                + ", Java " + Runtime.version() + ")");
    }

    @Test
    void shouldRequireACommand() {
        Result r = run();
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLine()).isEqualTo("seqscore: a command is required: one of run, broker, produce, demo, perf, replay, evaluate (see 'seqscore --help')");
    }

    @Test
    void shouldRejectUnknownCommandsAndOptionsInOneLine() {
        Result command = run("serve");
        assertThat(command.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(command.errLine()).startsWith("seqscore: ").contains("serve");

        Result option = run("run", "--cfg", "x.properties");
        assertThat(option.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(option.errLine()).startsWith("seqscore: ").contains("--cfg").endsWith("(see 'seqscore run --help')");
    }

    @Test
    void shouldGiveUpOnABrokerThatIsDownWithOneLogLineAndOneErrorLine() throws Exception {
        int dead;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = probe.getLocalPort();
        }
        Path file = config("bootstrap.servers=127.0.0.1:" + dead + "\napplication.id=broker-down\n"
                + "schema.registry.url=mock://broker-down\nseqscore.http.port=0\nstate.dir="
                + dir.resolve("state").toString().replace('\\', '/') + "\nseqscore.startup.broker.timeout.ms=3000\n");
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        root.addAppender(log);
        long t0 = System.nanoTime();
        Result r;
        try {
            r = run("run", "-c", file.toString());
        } finally {
            root.detachAppender(log);
        }
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);

        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.errLine()).isEqualTo("seqscore: no Kafka broker at 127.0.0.1:" + dead + " answered within 3 s"
                + " (seqscore.startup.broker.timeout.ms): is the cluster up, and are bootstrap.servers and the security"
                + " settings right?");
        assertThat(seconds).isBetween(3L, 60L);
        List<ILoggingEvent> events = List.copyOf(log.list);
        assertThat(events).filteredOn(e -> e.getLoggerName().equals("org.apache.kafka.clients.NetworkClient"))
                .as("the Kafka clients' connection warnings").isEmpty();
        assertThat(events).filteredOn(e -> e.getLoggerName().endsWith("BrokerWait"))
                .extracting(ILoggingEvent::getFormattedMessage).containsExactly("No Kafka broker at 127.0.0.1:" + dead
                        + " answers yet; waiting up to 3 s for one (seqscore.startup.broker.timeout.ms), without the"
                        + " Kafka clients' repeated connection warnings");
        assertThat(events).filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                .as("warnings in all").hasSizeLessThanOrEqualTo(4)
                .allMatch(e -> e.getThrowableProxy() == null, "no stack trace");
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldRequireTheConfigOption() {
        Result r = run("run");
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.errLine()).isEqualTo(
                "seqscore: Missing required option: '--config=FILE' (see 'seqscore run --help')");
    }

    @Test
    void shouldFailInOneLineWhenTheConfigFileIsMissing() {
        Path missing = dir.resolve("missing.properties");
        Result r = run("run", "--config", missing.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.errLine()).isEqualTo("seqscore: config file not found: " + missing);
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldFailInOneLineOnAnInvalidOrUnknownSetting() throws IOException {
        Result invalid = run("run", "-c", config("bootstrap.servers=b:9092\nseqscore.late.policy=sometimes\n").toString());
        assertThat(invalid.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(invalid.errLine()).startsWith("seqscore: invalid configuration: ")
                .contains("seqscore.late.policy", "sometimes");

        Result unknown = run("run", "-c", config("bootstrap.servers=b:9092\nseqscore.http.prot=1\n").toString());
        assertThat(unknown.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(unknown.errLine()).contains("Unknown seqscore setting 'seqscore.http.prot'");
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldValidateEnvironmentOverridesLikeTheFile() throws IOException {
        Path file = config("bootstrap.servers=b:9092\nseqscore.http.port=8081\n");
        Result r = run(Map.of("SEQSCORE_HTTP_PORT", "99999"), "run", "--config", file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.errLine()).startsWith("seqscore: invalid configuration: ").contains("99999", "seqscore.http.port");
    }

    @Test
    void shouldFailInOneLineWhenKafkaStreamsRejectsItsProperties() throws IOException {
        Path file = config("seqscore.http.port=0\nschema.registry.url=mock://main-test\nstate.dir="
                + dir.resolve("state").toString().replace("\\", "/") + "\n");
        Result r = run("run", "--config", file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.CONFIG);
        assertThat(r.errLine()).startsWith("seqscore: invalid configuration: ").contains("bootstrap.servers");
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldFailInOneLineWhenTheHttpPortIsTaken() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Path file = config("bootstrap.servers=127.0.0.1:1\nschema.registry.url=mock://main-test\n"
                    + "seqscore.http.port=" + port + "\n");
            Result r = run("run", "--config", file.toString());
            assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
            assertThat(r.errLine()).startsWith("seqscore: cannot bind the HTTP endpoint to 127.0.0.1:" + port + ": ");
        }
        assertThat(hooks).isEmpty();
    }

    @Test
    void shouldExitWithFailureInOneLineWhenTheBrokerCannotBeReached() throws IOException {
        Path file = config("bootstrap.servers=127.0.0.1:1\nschema.registry.url=mock://main-test\nseqscore.http.port=0\n"
                + "state.dir=" + dir.resolve("state").toString().replace("\\", "/") + "\n"
                + "admin.default.api.timeout.ms=500\nadmin.request.timeout.ms=500\nseqscore.shutdown.timeout.ms=1000\n"
                + "seqscore.startup.broker.timeout.ms=0\n");
        Result r = run("run", "--config", file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.errLine()).startsWith("seqscore: could not list the topics on 127.0.0.1:1 within 500 ms: is the broker running?");
        assertThat(hooks).as("the shutdown hook is removed again").isEmpty();
    }

    @Test
    void shouldPrintTheGeneratedSettingsTable() {
        Result r = run("settings-table");
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo(SeqscoreConfig.settingsTable());
    }

    @Test
    void shouldRewriteTheSettingsTableBetweenTheMarkers() throws IOException {
        Path readme = dir.resolve("README.md");
        Files.writeString(readme, "# x\n\n" + SettingsSection.START + "\n| old |\n" + SettingsSection.END + "\n\nrest\n");
        Result r = run("settings-table", "--update", readme.toString());
        assertThat(r.code()).isZero();
        assertThat(Files.readString(readme)).isEqualTo("# x\n\n" + SettingsSection.START + "\n"
                + SeqscoreConfig.settingsTable() + SettingsSection.END + "\n\nrest\n");

        Files.writeString(readme, "# no markers\n");
        Result none = run("settings-table", "--update", readme.toString());
        assertThat(none.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(none.errLine()).contains("has no " + SettingsSection.START);
    }

    @Test
    void shouldExitNonZeroWithOneLineOnStderrFromTheRealMain() throws Exception {
        Path missing = dir.resolve("missing.properties");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "run", "--config", missing.toString())
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile())
                .start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(ExitCodes.CONFIG);
        assertThat(Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8))
                .isEqualTo("seqscore: config file not found: " + missing + System.lineSeparator());
        assertThat(Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8)).doesNotContain("\tat ");
    }
}
