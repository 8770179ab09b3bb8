package io.seqscore.trainer.testing;

import io.seqscore.avro.Calibration;
import io.seqscore.avro.KeyNormalizer;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Normalizer;
import io.seqscore.model.core.Network;
import io.seqscore.trainer.calibrate.Erf;
import io.seqscore.trainer.release.ReleaseNetwork;

/**
 * Scores a univariate series with a release the way the schema's Calibration docs say a scorer does,
 * written from those docs and independent of the trainer's evaluation code: per-key (or global) z-score,
 * one {@link Network#step} per event from a zero state, z = (r − center_0)/scale_0 of the one-step
 * residual, score = erf(|z|/√2), flagged when score ≥ threshold and the key has folded warmupSteps events.
 */
public final class ReleaseScorer {
    private final ModelRelease release;
    private final Network network;

    public ReleaseScorer(ModelRelease release) {
        this.release = release;
        ReleaseNetwork decoded = ReleaseNetwork.of(release);
        this.network = Network.of(decoded.spec(), decoded.params());
    }

    /** flags[p] for every event p of the key's series (false for the first event, which has no forecast). */
    public boolean[] flags(String key, double[] series) {
        Normalizer n = release.getNormalizer();
        float mean = n.getMean().get(0);
        float std = n.getStd().get(0);
        for (KeyNormalizer kn : n.getPerKey()) {
            if (kn.getKey().equals(key)) {
                mean = kn.getMean().get(0);
                std = kn.getStd().get(0);
            }
        }
        Calibration c = release.getCalibration();
        double center = c.getCenter().get(0);
        double scale = c.getScale().get(0);
        float[] state = network.newState();
        float[] x = new float[1];
        float[] out = new float[network.outputSize()];
        boolean[] flags = new boolean[series.length];
        for (int p = 0; p < series.length; p++) {
            x[0] = ((float) series[p] - mean) / std;
            if (p > 0) {
                double z = (x[0] - out[0] - center) / scale;
                double score = Erf.erf(Math.abs(z) / Math.sqrt(2));
                flags[p] = score >= c.getThreshold() && p >= c.getWarmupSteps();
            }
            network.step(state, x, out);
        }
        return flags;
    }
}
