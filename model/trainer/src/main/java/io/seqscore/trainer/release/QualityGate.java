package io.seqscore.trainer.release;

import io.seqscore.avro.ModelRelease;
import io.seqscore.schemas.QualityGateMetrics;
import io.seqscore.schemas.QualityGateMetrics.Gate;
import io.seqscore.trainer.TrainerException;

import java.util.Locale;
import java.util.Optional;

/**
 * The quality gate of a release: its model against the last-value and seasonal-naive forecasts on the end of each
 * key's history, as the trainer recorded it in the provenance ({@code GateMetrics}, read by
 * {@link QualityGateMetrics}); a model whose error exceeds the better naive forecast's is not published from a run
 * that holds out a validation part, unless allowed.
 */
public final class QualityGate {
    /** The option that publishes a model the gate refuses. */
    public static final String ALLOW_OPTION = "--allow-worse-than-naive";

    private QualityGate() {
    }

    /** The release's gate record, empty for a release without one. */
    public static Optional<Gate> of(ModelRelease release) {
        return QualityGateMetrics.read(release.getProvenance());
    }

    /**
     * Refuses a release the gate fails unless {@code allowWorse}.
     *
     * @throws WorseThanNaiveException with a one-line message naming the better naive forecast and the errors
     */
    public static void check(ModelRelease release, boolean allowWorse) {
        Optional<Gate> gate = of(release);
        if (gate.isPresent() && gate.get().refuses() && !allowWorse) {
            Gate g = gate.get();
            throw new WorseThanNaiveException(String.format(Locale.ROOT, "%s version %d is worse than the %s forecast"
                            + " on the held-out end of each key's history (MAE %.4f vs %.4f, normalized units): not"
                            + " published; train it longer or differently (--epochs, --batch, --hidden), or pass %s to"
                            + " publish it anyway",
                    release.getName(), release.getVersion(), betterName(g), g.modelMae(), g.betterNaiveMae(),
                    ALLOW_OPTION));
        }
    }

    /** One line for people: the three errors, what they were measured on and the verdict (no label). */
    public static String describe(Gate g) {
        String verdict = g.passed() == null ? "no pair to compare"
                : g.passed() ? "passed" : g.enforced() ? "FAILED (worse than the " + betterName(g) + " forecast)"
                : "worse than the " + betterName(g) + " forecast (recorded only: no validation part)";
        return String.format(Locale.ROOT, "MAE in normalized units on %s pairs (%d): model %.4f, last value"
                        + " %.4f, seasonal naive (period %d) %.4f: %s", g.heldOut() ? "held-out" : "in-sample",
                g.pairs(), g.modelMae(), g.lastValueMae(), g.seasonalPeriod(), g.seasonalNaiveMae(), verdict);
    }

    private static String betterName(Gate g) {
        return g.lastValueMae() <= g.seasonalNaiveMae() ? "last-value" : "seasonal-naive";
    }

    /** A release refused by the gate. */
    public static final class WorseThanNaiveException extends TrainerException {
        private static final long serialVersionUID = 1L;

        public WorseThanNaiveException(String message) {
            super(message);
        }
    }
}
