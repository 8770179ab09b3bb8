package io.seqscore.trainer.calibrate;

import io.seqscore.model.core.anomaly.AnomalyScorer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ErfTest {
    @Test
    void shouldMatchReferenceValues() {
        // reference values: C99 erf and erfc of glibc (correctly rounded or within one ulp)
        assertThat(Erf.erf(0)).isEqualTo(0.0);
        assertThat(Erf.erf(0.5)).isCloseTo(0.5204998778130465, within(2e-16));
        assertThat(Erf.erf(1)).isCloseTo(0.8427007929497149, within(2e-16));
        assertThat(Erf.erf(-1)).isCloseTo(-0.8427007929497149, within(2e-16));
        assertThat(Erf.erf(2)).isCloseTo(0.9953222650189527, within(2e-16));
        assertThat(Erf.erf(2.999)).isCloseTo(0.9999777698314002, within(3e-16));
        assertThat(Erf.erf(3)).isCloseTo(0.9999779095030014, within(3e-16));
        assertThat(Erf.erfc(3)).isCloseTo(2.2090496998585438e-05, within(1e-19));
        assertThat(Erf.erfc(4)).isCloseTo(1.541725790028002e-08, within(1e-22));
        assertThat(Erf.erfc(5)).isCloseTo(1.5374597944280351e-12, within(1e-26));
        assertThat(Erf.erf(30)).isEqualTo(1.0);
        assertThat(Erf.erf(Double.NaN)).isNaN();
    }

    @Test
    void shouldGiveTheTwoSidedGaussianProbability() {
        assertThat(Erf.erf(1.959963984540054 / Math.sqrt(2))).isCloseTo(0.95, within(1e-15));
        assertThat(Erf.erf(2.5758293035489004 / Math.sqrt(2))).isCloseTo(0.99, within(1e-15));
    }

    @Test
    void shouldAgreeBitForBitWithTheScorersErfBelowThree() {
        for (int i = -2999; i < 3000; i++) {
            double x = i / 1000.0;
            assertThat(Erf.erf(x)).as("erf(%s)", x).isEqualTo(AnomalyScorer.erf(x));
        }
    }
}
