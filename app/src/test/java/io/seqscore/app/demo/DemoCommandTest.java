package io.seqscore.app.demo;

import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.testing.CommandLines;
import io.seqscore.app.testing.CommandLines.CapturedHooks;
import io.seqscore.app.testing.CommandLines.Result;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
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
                "--promote-after=DURATION", "--canary-percent=PCT", "--duration=DURATION", "Default: 8080");
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
        assertThatThrownBy(() -> c.convert("soon")).hasMessageContaining("not a duration: 'soon'");
        assertThatThrownBy(() -> c.convert("3d")).hasMessageContaining("not a duration: '3d'");
    }
}
