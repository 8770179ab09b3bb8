package io.seqscore.model.core.norm;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ZScoreNormalizerTest {

    @Test
    void shouldFitMeanAndPopulationStdPerFeature() {
        // feature 0: 2,4,4,4,5,5,7,9 -> mean 5, population variance 4, std 2
        // feature 1: constant 3 -> mean 3, std 0 -> scaled by 1
        ZScoreNormalizer.Fitter fitter = ZScoreNormalizer.fitter(2);
        for (float v : new float[] {2, 4, 4, 4, 5, 5, 7, 9}) {
            fitter.add(new float[] {v, 3});
        }
        ZScoreNormalizer n = fitter.fit();
        assertThat(n.mean(0)).isEqualTo(5f);
        assertThat(n.std(0)).isEqualTo(2f);
        assertThat(n.mean(1)).isEqualTo(3f);
        assertThat(n.std(1)).isEqualTo(1f);
        float[] z = new float[2];
        n.normalize(new float[] {9, 4}, z);
        assertThat(z).containsExactly(2f, 1f);
        n.denormalize(z, z);
        assertThat(z).containsExactly(9f, 4f);
    }

    @Test
    void shouldSkipNonFiniteValues() {
        ZScoreNormalizer n = ZScoreNormalizer.fitter(1)
                .add(0, 1).add(0, Double.NaN).add(0, 3).add(0, Double.POSITIVE_INFINITY).fit();
        assertThat(n.mean(0)).isEqualTo(2f);
        assertThat(n.std(0)).isEqualTo(1f);
    }

    @Test
    void shouldMergeFittersAsIfFittedTogether() {
        SplittableRandom rnd = new SplittableRandom(7);
        ZScoreNormalizer.Fitter all = ZScoreNormalizer.fitter(1);
        ZScoreNormalizer.Fitter a = ZScoreNormalizer.fitter(1);
        ZScoreNormalizer.Fitter b = ZScoreNormalizer.fitter(1);
        for (int i = 0; i < 1000; i++) {
            double v = 10 + 3 * rnd.nextGaussian();
            all.add(0, v);
            (i < 300 ? a : b).add(0, v);
        }
        ZScoreNormalizer merged = a.merge(b).fit();
        ZScoreNormalizer direct = all.fit();
        assertThat(merged.mean(0)).isCloseTo(direct.mean(0), within(1e-5f));
        assertThat(merged.std(0)).isCloseTo(direct.std(0), within(1e-5f));
        assertThat(a.count(0)).isEqualTo(1000);
    }

    @Test
    void shouldRejectInvalidParameters() {
        assertThatThrownBy(() -> ZScoreNormalizer.of(new float[] {0}, new float[] {0}))
                .hasMessage("normalizer std[0] must be finite and > 0, got 0.0");
        assertThatThrownBy(() -> ZScoreNormalizer.of(new float[] {Float.NaN}, new float[] {1}))
                .hasMessage("normalizer mean[0] is not finite: NaN");
        assertThatThrownBy(() -> ZScoreNormalizer.of(new float[] {0, 1}, new float[] {1}))
                .hasMessage("normalizer needs mean and std of the same positive length, got 2 and 1");
        assertThatThrownBy(() -> ZScoreNormalizer.fitter(1).fit())
                .hasMessage("feature 0 has no finite value to fit a normalizer on");
    }
}
