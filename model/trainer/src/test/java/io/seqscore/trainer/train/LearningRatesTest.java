package io.seqscore.trainer.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.train.LearningRateSchedule;
import io.seqscore.trainer.data.WindowShape;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LearningRatesTest {
    static TrainConfig config(ScheduleKind schedule, int warmup) {
        return TrainConfig.builder().cell(CellType.LSTM).layers(1).hidden(8).horizon(1)
                .window(new WindowShape(10, 2, 8, 1)).batchSize(4).epochs(5).optimizer(OptimizerKind.ADAM)
                .learningRate(0.1).momentum(0.9).weightDecay(0).schedule(schedule).minLearningRate(0.01)
                .learningRateWarmup(warmup).stepEpochs(2).gamma(0.5).clipNorm(1).patience(0).minDelta(0).seed(1)
                .shards(1).threads(1).build();
    }

    @Test
    void shouldWarmUpLinearlyThenFollowTheSchedule() {
        // 5 epochs of 10 steps = 50 steps; warm-up 10
        LearningRateSchedule constant = LearningRates.of(config(ScheduleKind.CONSTANT, 10), 10);
        assertThat(constant.rate(1)).isCloseTo(0.01, within(1e-15));
        assertThat(constant.rate(10)).isCloseTo(0.1, within(1e-15));
        assertThat(constant.rate(50)).isEqualTo(0.1);
        LearningRateSchedule cosine = LearningRates.of(config(ScheduleKind.COSINE, 10), 10);
        assertThat(cosine.rate(30)).isCloseTo(0.01 + 0.09 * 0.5, within(1e-15));
        assertThat(cosine.rate(50)).isCloseTo(0.01, within(1e-15));
        assertThat(cosine.rate(20)).isCloseTo(0.01 + 0.09 * 0.5 * (1 + Math.cos(Math.PI / 4)), within(1e-15));
    }

    /** 5 epochs of 10 steps: ½·0.1·(1 + cos(π t / 50)) floored at 0.01. */
    @Test
    void shouldDecayCosineToZeroFlooredAtTheMinimum() {
        LearningRateSchedule floor = LearningRates.of(config(ScheduleKind.COSINE_FLOOR, 0), 10);
        assertThat(floor.rate(25)).isCloseTo(0.05, within(1e-15));
        assertThat(floor.rate(5)).isCloseTo(0.05 * (1 + Math.cos(Math.PI / 10)), within(1e-15));
        assertThat(floor.rate(40)).isEqualTo(0.01); // ½·0.1·(1 + cos(0.8π)) = 0.00955 < 0.01
        assertThat(floor.rate(35)).isCloseTo(0.05 * (1 - 0.5877852522924731), within(1e-15)); // cos(0.7π) = −0.5878
        assertThat(floor.rate(50)).isEqualTo(0.01);
        assertThat(floor.rate(60)).isEqualTo(0.01);
    }

    @Test
    void shouldStepDownByGammaEveryStepEpochs() {
        LearningRateSchedule step = LearningRates.of(config(ScheduleKind.STEP, 0), 10);
        assertThat(step.rate(1)).isEqualTo(0.1);
        assertThat(step.rate(20)).isEqualTo(0.1);
        assertThat(step.rate(21)).isEqualTo(0.05);
        assertThat(step.rate(41)).isEqualTo(0.025);
    }
}
