package io.seqscore.trainer.cli;

import io.seqscore.trainer.testing.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RolloutWatchCliTest {
    private static final String[] KAFKA = {"--bootstrap-servers", "127.0.0.1:1", "--schema-registry-url", "mock://watch-args"};

    private static CliRun watch(String... extra) {
        String[] args = new String[3 + extra.length];
        args[0] = "rollout";
        args[1] = "watch";
        args[2] = "--name=m";
        System.arraycopy(extra, 0, args, 3, extra.length);
        return CliRun.of(args);
    }

    private static void assertUsage(CliRun run, String message) {
        assertThat(run.exitCode()).isEqualTo(TrainerCli.USAGE);
        assertThat(run.err().lines().toList()).as(run.err()).hasSize(1);
        assertThat(run.err()).startsWith("error: ").contains(message);
    }

    @Test
    void shouldRejectBadArgumentsWithOneLine() {
        assertUsage(CliRun.of("rollout"), "missing command: watch");
        assertUsage(CliRun.of("rollout", "watch"), "Missing required option: '--name=NAME'");
        assertUsage(watch(), "rollout watch needs --bootstrap-servers");
        assertUsage(watch("--bootstrap-servers", "127.0.0.1:1"), "rollout watch needs --schema-registry-url");
        assertUsage(watch(concat(KAFKA, "--min-events", "0")), "min events must be >= 1, got 0");
        assertUsage(watch(concat(KAFKA, "--max-error-increase", "-0.1")), "max error increase must be a finite fraction");
        assertUsage(watch(concat(KAFKA, "--max-flag-rate-increase", "2")), "max flag rate increase must be in [0, 1]");
        assertUsage(watch(concat(KAFKA, "--max-wait", "0")), "max wait must be positive");
        assertUsage(watch(concat(KAFKA, "--key-id", "ops")), "--key-id needs --sign-key");
        assertUsage(watch(concat(KAFKA, "--sign-key", "no-such.key")), "--sign-key no-such.key is not a readable file");
    }

    @Test
    void shouldTakeTheDefaultsOfAWatchOfTheScorersTopics() {
        RolloutWatchCommand command = new RolloutWatchCommand();
        picocli.CommandLine cli = new picocli.CommandLine(command);
        cli.parseArgs(concat(KAFKA, "--name", "m"));
        var settings = command.settings();
        assertThat(settings.scoresTopic()).isEqualTo("scores");
        assertThat(settings.shadowScoresTopic()).isEqualTo("shadow-scores");
        assertThat(settings.modelsTopic()).isEqualTo("models");
        assertThat(settings.group()).isEqualTo("seqscore-rollout-m");
        assertThat(settings.transactionalId()).isEqualTo("seqscore-rollout-m");
        assertThat(settings.rules().minEvents()).isEqualTo(1000);
        assertThat(settings.rules().maxErrorIncrease()).isEqualTo(0.05);
        assertThat(settings.rules().maxFlagRateIncrease()).isEqualTo(0.01);
        assertThat(settings.rules().maxWait()).hasHours(6);
        assertThat(settings.commitInterval()).hasSeconds(5);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = new String[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
