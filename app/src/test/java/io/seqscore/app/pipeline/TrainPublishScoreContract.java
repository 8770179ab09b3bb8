package io.seqscore.app.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.schemas.ReleaseSignatures;
import io.seqscore.trainer.generate.AnomalyKind;
import io.seqscore.trainer.generate.InjectedAnomaly;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static io.seqscore.app.pipeline.TrainPublishScore.FIRST_STEP;
import static io.seqscore.app.pipeline.TrainPublishScore.HISTORY;
import static io.seqscore.app.pipeline.TrainPublishScore.WORKLOAD;
import static org.assertj.core.api.Assertions.assertThat;

/** What {@link TrainPublishScore} must show, whichever Kafka and Schema Registry it ran on. */
abstract class TrainPublishScoreContract {
    abstract TrainPublishScore.Outcome outcome();

    /** Key k's scores in event-time order. */
    private List<Score> scoresOf(int k) {
        return outcome().scores().stream().filter(r -> r.key().equals(WORKLOAD.key(k))).map(ConsumerRecord::value)
                .sorted(Comparator.comparing(Score::getEventTime)).toList();
    }

    @Test
    void shouldPublishTheReleaseTrainedOnTheGeneratedHistoryAsVersion1() {
        ModelRelease release = outcome().release();
        assertThat(outcome().trainOut()).contains("published demo version 1 to models");
        assertThat(release.getName()).isEqualTo("demo");
        assertThat(release.getVersion()).isEqualTo(1);
        assertThat(release.getProvenance().getSource()).isEqualTo("topic:events");
        assertThat(release.getProvenance().getKeyCount()).isEqualTo(WORKLOAD.keyCount());
        assertThat(release.getProvenance().getEventCount()).isEqualTo((long) WORKLOAD.keyCount() * HISTORY);
        assertThat(release.getCalibration().getWarmupSteps()).isEqualTo(TrainPublishScore.BURN_IN);
        assertThat(ReleaseSignatures.verify(release, id -> id.equals("pipeline") ? outcome().signer() : null))
                .isEqualTo(ReleaseSignatures.Verdict.VALID);
    }

    @Test
    void shouldScoreEveryGeneratedEventOnceInOrderWithTheRelease() {
        assertThat(outcome().scores()).hasSize(WORKLOAD.keyCount() * HISTORY);
        int warmup = TrainPublishScore.BURN_IN;
        for (int k = 0; k < WORKLOAD.keyCount(); k++) {
            List<Score> scores = scoresOf(k);
            assertThat(scores).hasSize(HISTORY);
            for (int i = 0; i < HISTORY; i++) {
                Score s = scores.get(i);
                long step = FIRST_STEP + i;
                assertThat(s.getEventTime().toEpochMilli()).isEqualTo(WORKLOAD.eventTime(step));
                assertThat(s.getObserved()).containsExactly(WORKLOAD.value(k, step));
                assertThat(s.getStepsSeen()).isEqualTo(i + 1);
                assertThat(s.getModelName()).isEqualTo("demo");
                assertThat(s.getModelVersion()).isEqualTo(1L);
                assertThat(s.getStatus()).isEqualTo(i < warmup ? ScoreStatus.WARMING_UP : ScoreStatus.OK);
                if (i > 0) {
                    assertThat(s.getAnomalyScore()).isBetween(0.0, 1.0);
                }
            }
        }
    }

    @Test
    void shouldFlagInjectedSpikesAndLevelShiftsAndFewOtherEvents() {
        int spikes = 0;
        int spikesFlagged = 0;
        int shifts = 0;
        int shiftsFlagged = 0;
        int normal = 0;
        int falseFlags = 0;
        long scored = FIRST_STEP + TrainPublishScore.BURN_IN;
        long end = FIRST_STEP + HISTORY;
        for (int k = 0; k < WORKLOAD.keyCount(); k++) {
            List<Score> scores = scoresOf(k);
            List<InjectedAnomaly> anomalies = WORKLOAD.anomalies(k, scored, end);
            for (InjectedAnomaly a : anomalies) {
                if (a.start() < scored) {
                    continue;
                }
                boolean flagged = scores.get((int) (a.start() - FIRST_STEP)).getAnomaly();
                if (a.kind() == AnomalyKind.SPIKE) {
                    spikes++;
                    spikesFlagged += flagged ? 1 : 0;
                } else if (a.kind() == AnomalyKind.LEVEL_SHIFT) {
                    shifts++;
                    shiftsFlagged += flagged ? 1 : 0;
                }
            }
            for (long n = scored; n < end; n++) {
                if (!nearAnomaly(anomalies, n)) {
                    normal++;
                    falseFlags += scores.get((int) (n - FIRST_STEP)).getAnomaly() ? 1 : 0;
                }
            }
        }
        assertThat(spikes).isGreaterThanOrEqualTo(3);
        assertThat(shifts).isGreaterThanOrEqualTo(3);
        assertThat(spikesFlagged).as("spikes flagged of %d", spikes).isEqualTo(spikes);
        assertThat(shiftsFlagged).as("level shift onsets flagged of %d", shifts).isEqualTo(shifts);
        assertThat((double) falseFlags / normal).as("%d of %d normal events flagged", falseFlags, normal)
                .isLessThan(0.02);
    }

    /** Inside an episode or within the steps after it that still see its values in the recurrent state. */
    private static boolean nearAnomaly(List<InjectedAnomaly> anomalies, long step) {
        return anomalies.stream().anyMatch(a -> step >= a.start() && step < a.end() + 3);
    }

    @Test
    void shouldCopyEveryFlaggedScoreToTheAnomaliesTopic() {
        Set<String> flagged = outcome().scores().stream().filter(r -> r.value().getAnomaly())
                .map(r -> r.key() + "@" + r.value().getEventTime()).collect(Collectors.toSet());
        assertThat(flagged).isNotEmpty();
        assertThat(outcome().anomalies()).hasSize(flagged.size())
                .allMatch(r -> flagged.contains(r.key() + "@" + r.value().getEventTime()));
    }

    @Test
    void shouldAnswerForAKeyOverHttpWithTheServingVersion() {
        JsonNode answer = outcome().keyAnswer();
        assertThat(answer.path("key").asText()).isEqualTo(WORKLOAD.key(0));
        assertThat(answer.path("state").path("modelName").asText()).isEqualTo("demo");
        assertThat(answer.path("state").path("modelVersion").asLong()).isEqualTo(1);
        assertThat(answer.path("state").path("stepsSeen").asLong()).isEqualTo(HISTORY);
    }
}
