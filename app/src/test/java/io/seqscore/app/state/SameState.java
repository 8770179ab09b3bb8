package io.seqscore.app.state;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Asserts that two states hold the same fields, floats and doubles bit for bit (what a codec must keep). */
final class SameState {
    private SameState() {
    }

    static void assertSameFields(KeyState actual, KeyState expected) {
        assertThat(actual.modelName()).as("model name").isEqualTo(expected.modelName());
        assertThat(actual.modelVersion()).as("model version").isEqualTo(expected.modelVersion());
        assertThat(actual.stepsSeen()).as("steps").isEqualTo(expected.stepsSeen());
        assertThat(actual.lastEventTime()).as("last event time").isEqualTo(expected.lastEventTime());
        assertThat(actual.lastUpdateWallClock()).as("last update").isEqualTo(expected.lastUpdateWallClock());
        assertThat(Double.doubleToRawLongBits(actual.lastAnomalyScore())).as("last score")
                .isEqualTo(Double.doubleToRawLongBits(expected.lastAnomalyScore()));
        assertThat(actual.lastFlagged()).as("flagged").isEqualTo(expected.lastFlagged());
        assertThat(actual.inputSize()).as("input size").isEqualTo(expected.inputSize());
        assertThat(actual.recurrentSize()).as("recurrent size").isEqualTo(expected.recurrentSize());
        assertThat(bits(actual.recurrent(), actual.recurrentSize())).as("recurrent state")
                .isEqualTo(bits(expected.recurrent(), expected.recurrentSize()));
        assertThat(actual.featuresSize()).as("feature state size").isEqualTo(expected.featuresSize());
        assertThat(doubleBits(actual.features(), actual.featuresSize())).as("feature state")
                .isEqualTo(doubleBits(expected.features(), expected.featuresSize()));
        assertThat(actual.horizon()).as("horizon").isEqualTo(expected.horizon());
        assertThat(actual.outputDim()).as("output dimension").isEqualTo(expected.outputDim());
        int hd = expected.horizon() * expected.outputDim();
        assertThat(bits(actual.forecast(), hd)).as("forecast").isEqualTo(bits(expected.forecast(), hd));
        assertThat(actual.residualCount()).as("residual count").isEqualTo(expected.residualCount());
        assertThat(actual.residualDims()).as("residual dims").isEqualTo(expected.residualDims());
        int r = expected.residualDims();
        assertThat(bits(actual.residualMean(), r)).as("residual means").isEqualTo(bits(expected.residualMean(), r));
        assertThat(bits(actual.residualVar(), r)).as("residual variances").isEqualTo(bits(expected.residualVar(), r));
        assertThat(actual.normalizerCount()).as("normalizer count").isEqualTo(expected.normalizerCount());
        int n = expected.normalizerCount() > 0 ? expected.inputSize() : 0;
        assertThat(bits(actual.normalizerMean(), n)).as("normalizer means").isEqualTo(bits(expected.normalizerMean(), n));
        assertThat(bits(actual.normalizerM2(), n)).as("normalizer M2").isEqualTo(bits(expected.normalizerM2(), n));
        assertThat(actual.ringCapacity()).as("ring capacity").isEqualTo(expected.ringCapacity());
        assertThat(actual.ringCount()).as("ring count").isEqualTo(expected.ringCount());
        if (actual.ringCount() == expected.ringCount()) {
            float[] a = new float[expected.inputSize()];
            float[] e = new float[expected.inputSize()];
            for (int i = 0; i < expected.ringCount(); i++) {
                assertThat(actual.ringTime(i)).as("ring time %d", i).isEqualTo(expected.ringTime(i));
                actual.copyRingInput(i, a, 0);
                expected.copyRingInput(i, e, 0);
                assertThat(bits(a, a.length)).as("ring values %d", i).isEqualTo(bits(e, e.length));
            }
        }
        assertThat(doubleBits(actual.seasonSelection(), actual.seasonSelection().length)).as("season selection")
                .isEqualTo(doubleBits(expected.seasonSelection(), expected.seasonSelection().length));
        assertThat(actual.detectorSize()).as("detector size").isEqualTo(expected.detectorSize());
        assertThat(actual.detectorValues()).as("detector values").isEqualTo(expected.detectorValues());
        assertThat(actual.detectorDims()).as("detector dims").isEqualTo(expected.detectorDims());
        int d = expected.detectorSize();
        assertThat(doubleBits(actual.detector(), d)).as("detector state").isEqualTo(doubleBits(expected.detector(), d));
        assertThat(actual.detectorCounters()).as("detector counters").containsExactly(expected.detectorCounters());
        assertThat(actual.tracksReplay()).as("tracks replay").isEqualTo(expected.tracksReplay());
        assertThat(actual.replayPartition()).as("replay partition").isEqualTo(expected.replayPartition());
        assertThat(actual.replayOffset()).as("replay offset").isEqualTo(expected.replayOffset());
        assertThat(actual.replayEpoch()).as("replay epoch").isEqualTo(expected.replayEpoch());
        assertThat(actual.checkpointOffset()).as("checkpoint offset").isEqualTo(expected.checkpointOffset());
        assertThat(actual.hasCheckpoint()).as("has checkpoint").isEqualTo(expected.hasCheckpoint());
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
