package io.seqscore.app.state;

import java.util.SplittableRandom;

/**
 * The states written to {@code fixtures/key-state-v1.bin} (format 1), {@code fixtures/key-state-v2.bin}
 * (format 2), {@code fixtures/key-state-v3.bin} (format 3) and {@code fixtures/key-state-v4.bin} (format 4, by
 * {@link KeyStateFixtureWriter}): every field set, a wrapped input ring; v2 with event times and range-detector
 * state; v3 and v4 with a replay guard whose checkpoint is the state one event earlier (every part of format 4).
 */
final class KeyStateFixtures {
    private KeyStateFixtures() {
    }

    static KeyState v1() {
        KeyState s = new KeyState();
        s.ringCapacity(3);
        s.inputSize(2);
        s.resetRecurrent("sensors-λ", 7L, 4, 2);
        float[] h = s.recurrent();
        h[0] = 0.25f;
        h[1] = -0.0f;
        h[2] = Float.MIN_VALUE;
        h[3] = -1.5e-3f;
        float[] f = s.forecastBuffer(2, 2);
        f[0] = 10.5f;
        f[1] = -3.25f;
        f[2] = 11f;
        f[3] = Float.MAX_VALUE;
        s.stepsSeen(42);
        s.lastEventTime(1_700_000_000_123L);
        s.lastUpdateWallClock(1_700_000_999_000L);
        s.lastScore(0.975, true);
        s.residualMean()[0] = 0.125f;
        s.residualMean()[1] = -0.5f;
        s.residualVar()[0] = 1.25f;
        s.residualVar()[1] = 0.75f;
        s.residualCount(41);
        s.addToNormalizer(new float[] {1f, 2f});
        s.addToNormalizer(new float[] {3f, 6f});
        for (int i = 0; i < 4; i++) {
            s.pushInput(KeyState.NO_TIME, new float[] {i, -i * 0.5f});
        }
        return s;
    }

    static KeyState v2() {
        KeyState s = v1();
        s.clearRing();
        for (int i = 0; i < 4; i++) {
            s.pushInput(1_700_000_000_000L + 300_000L * i, new float[] {i, -i * 0.5f});
        }
        double[] d = s.detectorBuffer(2, 2, 5);
        d[0] = Double.POSITIVE_INFINITY;
        d[1] = Double.NEGATIVE_INFINITY;
        d[2] = Double.NaN;
        d[3] = 0.1;
        d[4] = -1e300;
        long[] c = s.detectorCounters();
        c[0] = 42;
        c[1] = 41;
        c[2] = 0;
        c[3] = Long.MIN_VALUE / 2;
        return s;
    }

    static KeyState v3() {
        return withReplayGuard();
    }

    /** The state of {@link #v3()}; its checkpoint, encoded by this build, is in format 4 too. */
    static KeyState v4() {
        return withReplayGuard();
    }

    private static KeyState withReplayGuard() {
        KeyState before = v2();
        KeyState s = v2();
        s.pushInput(1_700_000_000_000L + 300_000L * 4, new float[] {4f, -2f});
        s.stepsSeen(s.stepsSeen() + 1);
        s.lastEventTime(1_700_000_000_000L + 300_000L * 4);
        s.adoptCheckpoint(new KeyStateCodec().encodeWithoutReplay(before), 1_234_500L);
        s.replayPosition(3, 1_234_567L, 0x5EED_0000_0001L);
        return s;
    }

    /** A state with random fields, parts present or absent at random, sometimes with a replay guard. */
    static KeyState random(SplittableRandom r) {
        KeyState s = new KeyState();
        int n = 1 + r.nextInt(4);
        s.ringCapacity(r.nextInt(6));
        s.inputSize(n);
        if (r.nextBoolean()) {
            int size = 1 + r.nextInt(64);
            int dims = 1 + r.nextInt(n);
            s.resetRecurrent("m" + r.nextInt(100), 1 + r.nextInt(1000), size, dims);
            for (int i = 0; i < size; i++) {
                s.recurrent()[i] = Float.intBitsToFloat(r.nextInt());
                if (!Float.isFinite(s.recurrent()[i])) {
                    s.recurrent()[i] = -0.0f;
                }
            }
            float[] f = s.forecastBuffer(1 + r.nextInt(3), dims);
            for (int i = 0; i < s.horizon() * dims; i++) {
                f[i] = (float) r.nextGaussian();
            }
            for (int d = 0; d < dims; d++) {
                s.residualMean()[d] = (float) r.nextGaussian();
                s.residualVar()[d] = (float) r.nextDouble();
            }
            s.residualCount(r.nextInt(1000));
            s.stepsSeen(r.nextLong(1L << 40));
        }
        for (int k = r.nextInt(3); k > 0; k--) {
            float[] x = new float[n];
            for (int j = 0; j < n; j++) {
                x[j] = (float) r.nextGaussian();
            }
            s.addToNormalizer(x);
        }
        for (int i = r.nextInt(10); i > 0; i--) {
            float[] x = new float[n];
            for (int j = 0; j < n; j++) {
                x[j] = (float) r.nextGaussian();
            }
            s.pushInput(r.nextLong(), x);
        }
        if (r.nextBoolean()) {
            int size = 1 + r.nextInt(30);
            double[] d = s.detectorBuffer(n, 1 + r.nextInt(n), size);
            for (int i = 0; i < size; i++) {
                d[i] = Double.longBitsToDouble(r.nextLong());
            }
            for (int i = 0; i < KeyState.DETECTOR_COUNTERS; i++) {
                s.detectorCounters()[i] = r.nextLong();
            }
        }
        if (r.nextBoolean()) {
            double[] e = s.seasonSelection();
            e[0] = 1 + r.nextInt(1 << 20);
            for (int i = 1; i < e.length; i++) {
                e[i] = r.nextDouble() * 100;
            }
        }
        s.lastEventTime(r.nextLong());
        s.lastUpdateWallClock(r.nextLong());
        s.lastScore(r.nextDouble(), r.nextBoolean());
        if (r.nextBoolean()) {
            long offset = r.nextLong(1L << 40);
            long checkpointOffset = r.nextBoolean() ? KeyState.NO_OFFSET : r.nextLong(offset + 1);
            s.adoptCheckpoint(r.nextBoolean() ? new byte[0] : new KeyStateCodec().encodeWithoutReplay(s), checkpointOffset);
            s.replayPosition(r.nextInt(1 << 10), offset, r.nextLong());
        }
        return s;
    }
}
