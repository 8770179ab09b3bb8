package io.seqscore.app.demo;

import io.seqscore.app.dashboard.Stage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The header line through a run, read as the dashboard would at given moments. */
class DemoHeaderTest {
    private final List<Stage> lines = new ArrayList<>();
    private final DemoHeader header = new DemoHeader(lines::add);

    private String now(long at) {
        return lines.get(lines.size() - 1).render(at);
    }

    @Test
    void shouldFollowTheRolloutWithLiveCountdowns() {
        header.trainingV1(28_800, 24);
        assertThat(now(0)).isEqualTo("Training model v1 on the first 28800 events of 24 keys...");
        header.epoch(1, 3, 6);
        assertThat(now(0)).isEqualTo("Training model v1: epoch 3 of 6...");
        header.waitingForScores();
        assertThat(now(0)).isEqualTo("Scoring live with v1 on every key (waiting for the first scores)");

        header.liveOnV1(100_000);
        assertThat(now(40_000)).isEqualTo("Scoring live with v1 on every key; v2 comes as a canary in 60 s");
        assertThat(now(40_001)).isEqualTo("Scoring live with v1 on every key; v2 comes as a canary in 60 s");
        assertThat(now(41_000)).isEqualTo("Scoring live with v1 on every key; v2 comes as a canary in 59 s");
        assertThat(now(99_500)).isEqualTo("Scoring live with v1 on every key; v2 comes as a canary in 1 s");
        assertThat(now(100_000)).isEqualTo("Scoring live with v1 on every key; v2 comes as a canary any moment now");

        header.training(2, 31_000);
        assertThat(now(101_000)).isEqualTo("Training model v2 on 31000 events (everything so far)...");
        header.canary(2, 50, 13, 24, 200_000);
        assertThat(now(110_000)).isEqualTo(
                "Scoring live: v2 on 50% of the keys (13 of 24), v1 on the others; promotion in 90 s");
        assertThat(now(199_001)).endsWith("promotion in 1 s");

        header.promoted(2);
        assertThat(now(200_000)).isEqualTo("Scoring live with v2 on every key (promoted)");
        header.streamEnded(40_000);
        assertThat(now(300_000)).isEqualTo(
                "The CSV stream has ended: all 40000 events are sent; v2 serves every key. Ctrl-C stops the demo.");
    }

    @Test
    void shouldSayTheStreamEndedAndKeepSayingItWhateverFollows() {
        header.liveOnV1(100_000);
        header.training(2, 500);
        header.streamEnded(1_200);
        int said = lines.size();
        header.canary(2, 50, 1, 1, 200_000);
        header.promoted(2);

        assertThat(lines).hasSize(said);
        assertThat(now(150_000)).isEqualTo("The CSV stream has ended: all 1200 events are sent; v1 serves every key;"
                + " the rollout stops here. Ctrl-C stops the demo.");
    }

    @Test
    void shouldNotSpeakOfOtherKeysWhenTheCanaryServesThemAll() {
        header.canary(2, 95, 1, 1, 50_000);
        assertThat(now(40_000)).isEqualTo("Scoring live: v2 on 95% of the keys (1 of 1); promotion in 10 s");
        header.streamEnded(2_000);
        assertThat(now(60_000)).isEqualTo("The CSV stream has ended: all 2000 events are sent; v2 on 95% of the keys"
                + " (1 of 1); the rollout stops here. Ctrl-C stops the demo.");
    }

    @Test
    void shouldCountDownInMinutesAndSecondsPastTwoMinutes() {
        Stage line = Stage.countingDownTo("promotion " + Stage.COUNTDOWN + ".", 1_000_000);
        assertThat(line.render(1_000_000 - 125_000)).isEqualTo("promotion in 2 min 5 s.");
        assertThat(line.render(1_000_000 - 119_000)).isEqualTo("promotion in 119 s.");
        assertThat(Stage.of("no countdown").render(5)).isEqualTo("no countdown");
        assertThatThrownBy(() -> Stage.countingDownTo("no placeholder", 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
