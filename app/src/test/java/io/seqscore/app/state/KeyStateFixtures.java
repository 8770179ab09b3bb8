package io.seqscore.app.state;

/**
 * The states written to {@code fixtures/key-state-v1.bin} (format 1), {@code fixtures/key-state-v2.bin}
 * (format 2) and {@code fixtures/key-state-v3.bin} (format 3): every field set, a wrapped input ring; v2 with
 * event times and range-detector state; v3 with a replay guard whose checkpoint is the state one event earlier.
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
        KeyState before = v2();
        KeyState s = v2();
        s.pushInput(1_700_000_000_000L + 300_000L * 4, new float[] {4f, -2f});
        s.stepsSeen(s.stepsSeen() + 1);
        s.lastEventTime(1_700_000_000_000L + 300_000L * 4);
        s.adoptCheckpoint(new KeyStateCodec().encodeWithoutReplay(before), 1_234_500L);
        s.replayPosition(3, 1_234_567L, 0x5EED_0000_0001L);
        return s;
    }
}
