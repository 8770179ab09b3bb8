package io.seqscore.app.state;

import org.assertj.core.api.SoftAssertions;

import java.util.Arrays;

/** Asserts that two states hold the same fields, floats and doubles bit for bit (what a codec must keep). */
final class SameState {
    private SameState() {
    }

    static void assertSameFields(KeyState actual, KeyState expected) {
        SoftAssertions soft = new SoftAssertions();
        soft.assertThat(actual.modelName()).as("model name").isEqualTo(expected.modelName());
        soft.assertThat(actual.modelVersion()).as("model version").isEqualTo(expected.modelVersion());
        soft.assertThat(actual.stepsSeen()).as("steps").isEqualTo(expected.stepsSeen());
        soft.assertThat(actual.lastEventTime()).as("last event time").isEqualTo(expected.lastEventTime());
        soft.assertThat(actual.lastUpdateWallClock()).as("last update").isEqualTo(expected.lastUpdateWallClock());
        soft.assertThat(Double.doubleToRawLongBits(actual.lastAnomalyScore())).as("last score")
                .isEqualTo(Double.doubleToRawLongBits(expected.lastAnomalyScore()));
        soft.assertThat(actual.lastFlagged()).as("flagged").isEqualTo(expected.lastFlagged());
        soft.assertThat(actual.inputSize()).as("input size").isEqualTo(expected.inputSize());
        soft.assertThat(actual.recurrentSize()).as("recurrent size").isEqualTo(expected.recurrentSize());
        soft.assertThat(bits(actual.recurrent(), actual.recurrentSize())).as("recurrent state")
                .isEqualTo(bits(expected.recurrent(), expected.recurrentSize()));
        soft.assertThat(actual.horizon()).as("horizon").isEqualTo(expected.horizon());
        soft.assertThat(actual.outputDim()).as("output dimension").isEqualTo(expected.outputDim());
        int hd = expected.horizon() * expected.outputDim();
        soft.assertThat(bits(actual.forecast(), hd)).as("forecast").isEqualTo(bits(expected.forecast(), hd));
        soft.assertThat(actual.residualCount()).as("residual count").isEqualTo(expected.residualCount());
        soft.assertThat(actual.residualDims()).as("residual dims").isEqualTo(expected.residualDims());
        int r = expected.residualDims();
        soft.assertThat(bits(actual.residualMean(), r)).as("residual means").isEqualTo(bits(expected.residualMean(), r));
        soft.assertThat(bits(actual.residualVar(), r)).as("residual variances").isEqualTo(bits(expected.residualVar(), r));
        soft.assertThat(actual.normalizerCount()).as("normalizer count").isEqualTo(expected.normalizerCount());
        int n = expected.normalizerCount() > 0 ? expected.inputSize() : 0;
        soft.assertThat(bits(actual.normalizerMean(), n)).as("normalizer means").isEqualTo(bits(expected.normalizerMean(), n));
        soft.assertThat(bits(actual.normalizerM2(), n)).as("normalizer M2").isEqualTo(bits(expected.normalizerM2(), n));
        soft.assertThat(actual.ringCapacity()).as("ring capacity").isEqualTo(expected.ringCapacity());
        soft.assertThat(actual.ringCount()).as("ring count").isEqualTo(expected.ringCount());
        if (actual.ringCount() == expected.ringCount()) {
            float[] a = new float[expected.inputSize()];
            float[] e = new float[expected.inputSize()];
            for (int i = 0; i < expected.ringCount(); i++) {
                soft.assertThat(actual.ringTime(i)).as("ring time %d", i).isEqualTo(expected.ringTime(i));
                actual.copyRingInput(i, a, 0);
                expected.copyRingInput(i, e, 0);
                soft.assertThat(bits(a, a.length)).as("ring values %d", i).isEqualTo(bits(e, e.length));
            }
        }
        soft.assertThat(actual.detectorSize()).as("detector size").isEqualTo(expected.detectorSize());
        soft.assertThat(actual.detectorValues()).as("detector values").isEqualTo(expected.detectorValues());
        soft.assertThat(actual.detectorDims()).as("detector dims").isEqualTo(expected.detectorDims());
        int d = expected.detectorSize();
        soft.assertThat(doubleBits(actual.detector(), d)).as("detector state").isEqualTo(doubleBits(expected.detector(), d));
        soft.assertThat(actual.detectorCounters()).as("detector counters").containsExactly(expected.detectorCounters());
        soft.assertThat(actual.tracksReplay()).as("tracks replay").isEqualTo(expected.tracksReplay());
        soft.assertThat(actual.replayPartition()).as("replay partition").isEqualTo(expected.replayPartition());
        soft.assertThat(actual.replayOffset()).as("replay offset").isEqualTo(expected.replayOffset());
        soft.assertThat(actual.replayEpoch()).as("replay epoch").isEqualTo(expected.replayEpoch());
        soft.assertThat(actual.checkpointOffset()).as("checkpoint offset").isEqualTo(expected.checkpointOffset());
        soft.assertThat(actual.hasCheckpoint()).as("has checkpoint").isEqualTo(expected.hasCheckpoint());
        soft.assertAll();
        if (expected.hasCheckpoint() && actual.hasCheckpoint()) {
            assertSameFields(KeyStateCodec.decode(actual.checkpoint()), KeyStateCodec.decode(expected.checkpoint()));
        }
    }

    static int[] bits(float[] a, int n) {
        int[] b = new int[n];
        for (int i = 0; i < n; i++) {
            b[i] = Float.floatToRawIntBits(a[i]);
        }
        return b;
    }

    private static long[] doubleBits(double[] a, int n) {
        return Arrays.stream(Arrays.copyOf(a, n)).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
