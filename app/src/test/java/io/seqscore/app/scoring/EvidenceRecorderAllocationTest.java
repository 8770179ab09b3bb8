package io.seqscore.app.scoring;

import io.seqscore.app.evidence.ArmEvidence;
import io.seqscore.app.evidence.ModelRole;
import io.seqscore.app.evidence.VersionEvidence;
import io.seqscore.app.model.RolloutPhase;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.input.DoubleList;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Recording a Score into its arm allocates nothing once the arm is known, and adds exactly the Score's figures. */
class EvidenceRecorderAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    @Test
    void shouldRecordScoresWithoutAllocating() {
        VersionEvidence evidence = new VersionEvidence();
        EvidenceRecorder recorder = new EvidenceRecorder(evidence);
        DoubleList residual = new DoubleList().reset(2);
        residual.put(0, -1.5);
        residual.put(1, 0.5);
        Score flagged = new Score();
        flagged.setModelName("m");
        flagged.setModelVersion(7L);
        flagged.setStatus(ScoreStatus.OK);
        flagged.setResidual(residual);
        flagged.setAnomalyScore(0.75);
        flagged.setAnomaly(true);
        Score first = new Score();
        first.setModelName("m");
        first.setModelVersion(7L);
        first.setStatus(ScoreStatus.WARMING_UP);
        first.setAnomaly(false);
        recorder.route(null, RolloutPhase.EMPTY);
        recorder.scored(first);
        for (int i = 0; i < 20_000; i++) {
            recorder.scored(flagged);
            recorder.shadowScored(flagged);
        }
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && allocated > 0; attempt++) {
            long id = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < 10_000; i++) {
                recorder.scored(flagged);
                recorder.shadowScored(flagged);
            }
            allocated = Math.min(allocated, THREADS.getThreadAllocatedBytes(id) - before);
        }
        assertThat(allocated).as("bytes allocated by 20,000 recorded scores").isZero();

        List<ArmEvidence> arms = evidence.arms();
        assertThat(arms).extracting(ArmEvidence::role).containsExactly(ModelRole.SERVING, ModelRole.SHADOW);
        ArmEvidence serving = arms.get(0);
        long n = serving.forecastCount();
        assertThat(serving.scoredCount()).isEqualTo(n + 1);
        assertThat(serving.flaggedCount()).isEqualTo(n);
        assertThat(serving.valueCount()).isEqualTo(2 * n);
        assertThat(serving.meanAbsError()).isCloseTo(1.0, within(1e-12));
        assertThat(serving.meanAnomalyScore()).isCloseTo(0.75, within(1e-12));
        assertThat(serving.flagRate()).isEqualTo(1.0);
    }

    @Test
    void shouldRecordScoresOfModelsThatAlternateWithoutAllocating() {
        VersionEvidence evidence = new VersionEvidence();
        EvidenceRecorder recorder = new EvidenceRecorder(evidence);
        DoubleList residual = new DoubleList().reset(1);
        residual.put(0, 2.0);
        Score[] scores = new Score[3];
        for (int m = 0; m < scores.length; m++) {
            scores[m] = new Score();
            scores[m].setModelName("model-" + m);
            scores[m].setModelVersion(1L);
            scores[m].setStatus(ScoreStatus.OK);
            scores[m].setResidual(residual);
            scores[m].setAnomalyScore(0.25);
            scores[m].setAnomaly(false);
        }
        recorder.route(null, RolloutPhase.EMPTY);
        for (int i = 0; i < 30_000; i++) {
            recorder.scored(scores[i % scores.length]);
        }
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && allocated > 0; attempt++) {
            long id = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < 30_000; i++) {
                recorder.scored(scores[i % scores.length]);
            }
            allocated = Math.min(allocated, THREADS.getThreadAllocatedBytes(id) - before);
        }
        assertThat(allocated).as("bytes allocated by 30,000 scores of three alternating models").isZero();
        assertThat(evidence.arms()).hasSize(3).allSatisfy(arm -> {
            assertThat(arm.role()).isEqualTo(ModelRole.SERVING);
            assertThat(arm.meanAbsError()).isCloseTo(2.0, within(1e-12));
        });
    }

    /** A Score of a model of symbols alone has no residual: its anomaly score (1 − p) is its error. */
    @Test
    void shouldRecordScoresOfASymbolModelWithoutAllocating() {
        VersionEvidence evidence = new VersionEvidence();
        EvidenceRecorder recorder = new EvidenceRecorder(evidence);
        Score next = new Score();
        next.setModelName("flows");
        next.setModelVersion(2L);
        next.setStatus(ScoreStatus.OK);
        next.setAnomalyScore(0.4);
        next.setAnomaly(false);
        Score unseenFirst = new Score();
        unseenFirst.setModelName("flows");
        unseenFirst.setModelVersion(2L);
        unseenFirst.setStatus(ScoreStatus.UNSEEN_SYMBOL);
        unseenFirst.setAnomalyScore(Double.NaN);
        unseenFirst.setAnomaly(true);
        recorder.route(null, RolloutPhase.EMPTY);
        recorder.shadowScored(unseenFirst);
        for (int i = 0; i < 20_000; i++) {
            recorder.shadowScored(next);
        }
        long allocated = Long.MAX_VALUE;
        long recorded = 20_000;
        for (int attempt = 0; attempt < 5 && allocated > 0; attempt++) {
            long id = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(id);
            for (int i = 0; i < 10_000; i++) {
                recorder.shadowScored(next);
            }
            allocated = Math.min(allocated, THREADS.getThreadAllocatedBytes(id) - before);
            recorded += 10_000;
        }
        assertThat(allocated).as("bytes allocated by 10,000 recorded scores").isZero();
        ArmEvidence shadow = evidence.arms().get(0);
        assertThat(shadow.role()).isEqualTo(ModelRole.SHADOW);
        assertThat(shadow.scoredCount()).isEqualTo(recorded + 1);
        assertThat(shadow.forecastCount()).as("the NaN score of the unseen first symbol is no forecast").isEqualTo(recorded);
        assertThat(shadow.flaggedCount()).isEqualTo(1);
        assertThat(shadow.valueCount()).isZero();
        assertThat(shadow.meanAbsError()).isNaN();
        assertThat(shadow.meanAnomalyScore()).isCloseTo(0.4, within(1e-12));
        assertThat(shadow.flagRate()).isCloseTo(1.0 / recorded, within(1e-15));
    }
}
