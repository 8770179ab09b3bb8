package io.seqscore.app.testing;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.EventRing;
import io.seqscore.model.core.features.SeasonalChanges;

/**
 * A test-only port of the NAB study's reference scorer (its {@code Range} and {@code KeyScorer.score}),
 * kept independent of the app's scorer: its own ranges, moving averages, refractory counter and a ring of
 * (time, z) for the seasonal look-back, written as the study wrote them. The forecaster's inputs come from
 * model/core's {@link SeasonalChanges} over an {@link EventRing} of the release's history, as the trainer
 * builds them. Times in milliseconds; default parameters (levels 8 and 32, residual 64, seasonal 16 ×
 * 0.25, margin 0.05, refractory 12, one day, 30 minutes, 320 events).
 */
public final class NabReferenceScorer {
    static final long PERIOD = 86_400_000L;
    static final long TOLERANCE = 1_800_000L;
    static final int C = 320;
    static final int[] LEVEL_SCALES = {8, 32};
    static final int RESIDUAL_SCALE = 64;
    static final int SEASONAL_SCALE = 16;
    static final int REFRACTORY = 12;
    static final double SEASONAL_WEIGHT = 0.25;
    static final double ALARM_MARGIN = 0.05;

    /** Range novelty of one statistic, as in the study. */
    static final class Range {
        final boolean twoSided;
        final int warm;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        long n;

        Range(boolean twoSided, int warm) {
            this.twoSided = twoSided;
            this.warm = warm;
        }

        double offer(double x) {
            double e = 0;
            if (n >= warm && hi > lo) {
                e = Math.max(0, (twoSided ? Math.max(x - hi, lo - x) : x - hi) / (hi - lo));
            }
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            n++;
            return e;
        }
    }

    private final Network net;
    private final double mean;
    private final double std;
    private final float meanF;
    private final float stdF;
    private final SeasonalChanges features;
    private final float[] state;
    private final float[] x = new float[SeasonalChanges.INPUTS];
    private final float[] forecast;
    private final EventRing inputs;
    private final long[] seasonTimes = new long[C];
    private final float[] seasonZ = new float[C];
    private int seasonCount;
    private int seasonHead;
    private final Range value = new Range(true, 1);
    private final Range[] level = {new Range(true, LEVEL_SCALES[0]), new Range(true, LEVEL_SCALES[1])};
    private final double[] levelEma = new double[LEVEL_SCALES.length];
    private final Range residual = new Range(false, 2 * RESIDUAL_SCALE);
    private double residualEma;
    private final Range seasonal = new Range(true, 2 * SEASONAL_SCALE);
    private double seasonalEma;
    private long seasonalCount;
    private long step;
    private long lastAlarm = Long.MIN_VALUE / 2;
    private boolean haveForecast;
    private boolean alarm;
    private float lastZ;

    public NabReferenceScorer(NetworkSpec spec, float[] params, float mean, float std, SeasonalChanges features,
                              int historySize) {
        this.net = Network.of(spec, params);
        this.mean = mean;
        this.std = std;
        this.meanF = mean;
        this.stdF = std;
        this.features = features;
        this.state = net.newState();
        this.forecast = new float[spec.outputSize()];
        this.inputs = new EventRing(historySize);
    }

    /** The score of one event (the study's KeyScorer.score). */
    public double score(long time, double v) {
        float z = (float) ((v - mean) / std);
        double e = value.offer(v);
        for (int k = 0; k < LEVEL_SCALES.length; k++) {
            levelEma[k] = step == 0 ? v : levelEma[k] + (v - levelEma[k]) / LEVEL_SCALES[k];
            e = Math.max(e, level[k].offer(levelEma[k]));
        }
        if (haveForecast) {
            double r = Math.abs(z - forecast[0]);
            residualEma += (r - residualEma) / RESIDUAL_SCALE;
            e = Math.max(e, residual.offer(residualEma));
        }
        int k = latestAtOrBefore(time - PERIOD);
        if (k >= 0) {
            double d = z - seasonZ[idx(k)];
            seasonalEma = seasonalCount == 0 ? d : seasonalEma + (d - seasonalEma) / SEASONAL_SCALE;
            seasonalCount++;
            e = Math.max(e, SEASONAL_WEIGHT * seasonal.offer(seasonalEma));
        }
        seasonTimes[seasonHead] = time;
        seasonZ[seasonHead] = z;
        seasonHead = (seasonHead + 1) % C;
        seasonCount = Math.min(seasonCount + 1, C);
        inputs.add(time, (float) v);
        features.inputs(inputs, meanF, stdF, x, 0);
        net.step(state, x, forecast);
        for (int h = 0; h < forecast.length; h++) {
            forecast[h] += z;
        }
        lastZ = z;
        haveForecast = true;
        boolean refractory = step - lastAlarm <= REFRACTORY;
        alarm = e > ALARM_MARGIN && !refractory;
        if (alarm) {
            lastAlarm = step;
        }
        step++;
        return refractory ? 0 : e / (e + ALARM_MARGIN);
    }

    /** Whether the last event raised an alarm. */
    public boolean alarm() {
        return alarm;
    }

    /** The forecast after the last event in raw units: (z_t + out_s)·σ + μ, as the scorer reports it. */
    public float forecast(int s) {
        return forecast[s] * stdF + meanF;
    }

    /** Debug: value, level8, level32, residual, seasonal range and average. */
    public String debug() {
        return "value[" + value.lo + "," + value.hi + "] l8=" + levelEma[0] + "[" + level[0].lo + "," + level[0].hi
                + "] l32=" + levelEma[1] + "[" + level[1].lo + "," + level[1].hi + "] res=" + residualEma + "["
                + residual.lo + "," + residual.hi + "] n=" + residual.n + " seas=" + seasonalEma + "[" + seasonal.lo + ","
                + seasonal.hi + "] n=" + seasonal.n;
    }

    /** z_t of the last event. */
    public float lastZ() {
        return lastZ;
    }

    private int idx(int k) {
        return Math.floorMod(seasonHead - 1 - k, C);
    }

    private int latestAtOrBefore(long target) {
        for (int k = 0; k < seasonCount; k++) {
            long m = seasonTimes[idx(k)];
            if (m <= target) {
                return target - m <= TOLERANCE ? k : -1;
            }
        }
        return -1;
    }
}
