package io.seqscore.trainer.sessions;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ThresholdRuleTest {
    /** A two-event session whose second event scores 1 − e^{−s} (surprisal s). */
    private static SessionCalibration.Weighted session(double surprisal, int copies) {
        return new SessionCalibration.Weighted(new SessionTrace(new int[] {1, 1}, new int[] {0, 1},
                new double[] {Double.NaN, -Math.expm1(-surprisal)}), copies);
    }

    @Test
    void shouldMatchTheIncompleteBetaFunctionWhereItHasAClosedForm() {
        for (double x : new double[] {0.01, 0.3, 0.5, 0.77, 0.999}) {
            assertThat(RegularizedBeta.value(x, 1, 1)).isCloseTo(x, within(1e-12));
            assertThat(RegularizedBeta.value(x, 4.5, 1)).isCloseTo(Math.pow(x, 4.5), within(1e-12));
            assertThat(RegularizedBeta.value(x, 1, 2.3)).isCloseTo(1 - Math.pow(1 - x, 2.3), within(1e-12));
            assertThat(RegularizedBeta.value(x, 768.7, 2.31) + RegularizedBeta.value(1 - x, 2.31, 768.7))
                    .isCloseTo(1.0, within(1e-12));
        }
        // I_0.3(2, 3) = Σ_{j=2..4} C(4, j) 0.3^j 0.7^(4−j) = 0.2646 + 0.0756 + 0.0081
        assertThat(RegularizedBeta.value(0.3, 2, 3)).isCloseTo(0.3483, within(1e-12));
        assertThat(RegularizedBeta.value(0.5, 37, 37)).isCloseTo(0.5, within(1e-12));
        assertThat(RegularizedBeta.logGamma(10)).isCloseTo(Math.log(362880), within(1e-10));
    }

    @Test
    void shouldWeightEveryOrderStatisticAsHarrellAndDavis() {
        // n = 4, α = 0.2: a = (n+1)(1−α) = 4, b = (n+1)α = 1, I_x(4, 1) = x⁴; weights (i/4)⁴ − ((i−1)/4)⁴ = 1, 15, 65, 175 /256
        List<SessionCalibration.Weighted> known = List.of(session(3, 1), session(1, 1), session(4, 1), session(2, 1));
        double q = (1 * 1 + 15 * 2 + 65 * 3 + 175 * 4) / 256.0;
        double t = SmoothedThreshold.INSTANCE.threshold(known, 4, 0, 0.2);
        assertThat(t).isCloseTo(-Math.expm1(-q), within(1e-12));
        assertThat(SmoothedThreshold.surprisal(t)).isCloseTo(3.6171875, within(1e-9));
        assertThat(EmpiricalThreshold.INSTANCE.threshold(known, 4, 0, 0.2)).as("the one order statistic above budget")
                .isEqualTo(Math.nextUp(-Math.expm1(-4)));
    }

    @Test
    void shouldLeaveTheRateNotSpentOnUnknownSymbolsToTheKnownSessions() {
        List<SessionCalibration.Weighted> known = List.of(session(1, 1), session(2, 1), session(3, 1), session(4, 1));
        // W = 5 with one unknown: α' = (0.36·5 − 1)/4 = 0.2, as above
        assertThat(SmoothedThreshold.INSTANCE.threshold(known, 5, 1, 0.36))
                .isCloseTo(SmoothedThreshold.INSTANCE.threshold(known, 4, 0, 0.2), within(1e-12));
        assertThat(SmoothedThreshold.INSTANCE.threshold(known, 5, 1, 0.1)).as("the unknown spent the whole budget")
                .isEqualTo(Math.nextUp(-Math.expm1(-4)));
    }

    @Test
    void shouldCountCopiesAsSessions() {
        List<SessionCalibration.Weighted> weighted = new ArrayList<>(List.of(session(0.1, 500), session(2, 3)));
        List<SessionCalibration.Weighted> expanded = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            expanded.add(session(0.1, 1));
        }
        for (int i = 0; i < 3; i++) {
            expanded.add(session(2, 1));
        }
        for (double s = 5; s < 12; s += 1.5) {
            weighted.add(session(s, 1));
            expanded.add(session(s, 1));
        }
        int w = 508;
        double t = SmoothedThreshold.INSTANCE.threshold(weighted, w, 0, 0.003);
        assertThat(t).isCloseTo(SmoothedThreshold.INSTANCE.threshold(expanded, w, 0, 0.003), within(1e-12));
        double s = SmoothedThreshold.surprisal(t);
        assertThat(s).as("between the highest sessions, not at one of them").isGreaterThan(8).isLessThan(11);
    }

    @Test
    void shouldNotFlagHeldOutSessionsThatScoreExactlyTheQuantile() {
        List<SessionCalibration.Weighted> alike = List.of(session(0.7, 40));
        double t = SmoothedThreshold.INSTANCE.threshold(alike, 40, 0, 0.05);
        assertThat(t).isEqualTo(Math.nextUp(-Math.expm1(-0.7)));
        List<SessionCalibration.Weighted> two = List.of(session(0.7, 40), session(9, 1));
        double s = SmoothedThreshold.surprisal(SmoothedThreshold.INSTANCE.threshold(two, 41, 0, 0.02));
        assertThat(s).as("between the common and the rare session").isGreaterThan(0.7).isLessThan(9);
    }

    @Test
    void shouldNameTheRules() {
        assertThat(ThresholdRule.named("Smoothed")).isSameAs(SmoothedThreshold.INSTANCE);
        assertThat(ThresholdRule.named("empirical")).isSameAs(EmpiricalThreshold.INSTANCE);
        assertThatThrownBy(() -> ThresholdRule.named("median")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown threshold rule 'median', expected one of [empirical, smoothed]");
    }
}
