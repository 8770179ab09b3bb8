package io.seqscore.app.cli;

import io.seqscore.app.config.SeqscoreConfig;
import org.apache.kafka.common.utils.AppInfoParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class MainTest {
    @TempDir
    Path dir;

    private final List<Thread> hooks = new ArrayList<>();

    record Result(int code, String out, String err) {
        /** The only line on stderr (a failure must print exactly one, and no stack trace). */
        String errLine() {
            assertThat(err.lines().toList()).as("stderr: " + err).hasSize(1);
            assertThat(err).doesNotContain("\tat ").doesNotContain("Exception:");
            return err.strip();
        }
    }

    private Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ShutdownHooks capture = new ShutdownHooks() {
            @Override
            public void add(Thread hook) {
                hooks.add(hook);
            }

            @Override
            public void remove(Thread hook) {
                hooks.remove(hook);
            }
        };
        int code = Main.execute(args, new CliContext(env, capture, new PrintWriter(out), new PrintWriter(err)));
        return new Result(code, out.toString(), err.toString());
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
        assertThat(r.errLine()).isEqualTo("seqscore: a command is required: one of run, demo, perf, replay, evaluate (see 'seqscore --help')");
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
    void shouldExitWithFailureInOneLineWhenKafkaStreamsCannotStart() throws IOException {
        Path file = config("bootstrap.servers=127.0.0.1:1\nschema.registry.url=mock://main-test\nseqscore.http.port=0\n"
                + "state.dir=" + dir.resolve("state").toString().replace("\\", "/") + "\n"
                + "task.timeout.ms=500\nglobal.consumer.default.api.timeout.ms=500\n"
                + "global.consumer.request.timeout.ms=500\nseqscore.shutdown.timeout.ms=1000\n");
        Result r = run("run", "--config", file.toString());
        assertThat(r.code()).isEqualTo(ExitCodes.FAILURE);
        assertThat(r.errLine()).startsWith("seqscore: Kafka Streams could not start: ");
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
