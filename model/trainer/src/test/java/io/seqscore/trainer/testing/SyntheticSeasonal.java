package io.seqscore.trainer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * A seeded synthetic data set: per key a daily pattern of period 24 (two harmonics, each key its own level,
 * amplitude and phase) plus Gaussian noise, one event a minute, with spikes of ±{@code spike}·σ_noise
 * injected at a few positions at least 48 events apart (none in the first 200).
 */
public final class SyntheticSeasonal {
    public static final long START = 1_700_000_000_000L;
    public static final long STEP_MS = 60_000L;
    public static final int PERIOD = 24;

    public final int keys;
    public final int length;
    public final double[][] values;
    public final boolean[][] anomaly;
    public final double[] noise;

    public SyntheticSeasonal(int keys, int length, double anomalyRate, double spike, long seed) {
        this.keys = keys;
        this.length = length;
        this.values = new double[keys][length];
        this.anomaly = new boolean[keys][length];
        this.noise = new double[keys];
        SplittableRandom r = new SplittableRandom(seed);
        for (int k = 0; k < keys; k++) {
            double level = 20 * k - 5;
            double amp = 1 + 0.7 * k;
            double phase = 0.9 * k;
            noise[k] = 0.12 * amp;
            int last = -1000;
            for (int p = 0; p < length; p++) {
                double clean = level + amp * (Math.sin(2 * Math.PI * p / PERIOD + phase)
                        + 0.5 * Math.sin(4 * Math.PI * p / PERIOD + 2 * phase));
                double v = clean + noise[k] * gaussian(r);
                if (p >= 200 && p - last >= 48 && r.nextDouble() < anomalyRate) {
                    v += (r.nextBoolean() ? 1 : -1) * spike * noise[k];
                    anomaly[k][p] = true;
                    last = p;
                }
                values[k][p] = v;
            }
        }
    }

    public static String key(int k) {
        return "sensor-" + k;
    }

    public static long time(int p) {
        return START + p * STEP_MS;
    }

    /** Long-format CSV with a header, keys interleaved in time order. */
    public Path writeCsv(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("key,timestamp,value");
        for (int p = 0; p < length; p++) {
            for (int k = 0; k < keys; k++) {
                lines.add(key(k) + "," + time(p) + "," + String.format(Locale.ROOT, "%.6f", values[k][p]));
            }
        }
        try {
            Files.write(file, lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2 * Math.log(1 - r.nextDouble())) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
