package io.seqscore.schemas;

import io.seqscore.avro.Metric;
import io.seqscore.avro.Provenance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The quality gate's entries in {@link Provenance#getMetrics()}: the model compared with the last-value and the
 * seasonal-naive forecasts on the end of each key's history, by one error measure, the mean absolute error in
 * the release's normalized units over every forecast step (each entry at step 0). The trainer writes them; the
 * trainer's {@code inspect}, the scorer's {@code GET /api/models} and the publishing commands read them here.
 * <ul>
 * <li>{@value #MODEL_MAE}, {@value #LAST_VALUE_MAE}, {@value #SEASONAL_NAIVE_MAE}: the three errors, on the same
 *     forecast-target pairs.</li>
 * <li>{@value #SEASONAL_PERIOD}: the seasonal-naive period m in events.</li>
 * <li>{@value #PAIRS}: the forecast-target pairs compared.</li>
 * <li>{@value #HELD_OUT}: 1 when the pairs are events the network was not trained on (the validation part),
 *     0 when they are the end of the training history (a recipe without a validation part: in sample).</li>
 * <li>{@value #ENFORCED}: 1 when a model that fails may not be published without being told to, 0 when the
 *     comparison is only recorded.</li>
 * <li>{@value #PASSED}: 1 when the model's error is at most the better naive forecast's, else 0; absent when
 *     no pair could be compared.</li>
 * </ul>
 */
public final class QualityGateMetrics {
    public static final String MODEL_MAE = "gate.model.mae";
    public static final String LAST_VALUE_MAE = "gate.last_value.mae";
    public static final String SEASONAL_NAIVE_MAE = "gate.seasonal_naive.mae";
    public static final String SEASONAL_PERIOD = "gate.seasonal_naive.period";
    public static final String PAIRS = "gate.pairs";
    public static final String HELD_OUT = "gate.held_out";
    public static final String ENFORCED = "gate.enforced";
    public static final String PASSED = "gate.passed";

    private QualityGateMetrics() {
    }

    /**
     * One release's gate record.
     *
     * @param passed null when no pair could be compared
     */
    public record Gate(double modelMae, double lastValueMae, double seasonalNaiveMae, int seasonalPeriod, long pairs,
                       boolean heldOut, boolean enforced, Boolean passed) {
        /** The better (lower) of the two naive errors. */
        public double betterNaiveMae() {
            return Math.min(lastValueMae, seasonalNaiveMae);
        }

        /** Whether publishing this model needs to be allowed explicitly: the gate is enforced and it failed. */
        public boolean refuses() {
            return enforced && Boolean.FALSE.equals(passed);
        }
    }

    /** The gate record of a release's provenance, empty when the release has none (trained before the gate). */
    public static Optional<Gate> read(Provenance provenance) {
        return provenance == null ? Optional.empty() : read(provenance.getMetrics());
    }

    public static Optional<Gate> read(List<Metric> metrics) {
        Map<String, Double> byName = new HashMap<>();
        for (Metric m : metrics) {
            if (m.getStep() == 0 && m.getName().startsWith("gate.")) {
                byName.put(m.getName(), m.getValue());
            }
        }
        if (!byName.containsKey(PAIRS) || !byName.containsKey(ENFORCED)) {
            return Optional.empty();
        }
        Double passed = byName.get(PASSED);
        return Optional.of(new Gate(byName.getOrDefault(MODEL_MAE, Double.NaN),
                byName.getOrDefault(LAST_VALUE_MAE, Double.NaN), byName.getOrDefault(SEASONAL_NAIVE_MAE, Double.NaN),
                (int) Math.round(byName.getOrDefault(SEASONAL_PERIOD, 0.0)), Math.round(byName.get(PAIRS)),
                byName.getOrDefault(HELD_OUT, 0.0) == 1.0, byName.get(ENFORCED) == 1.0,
                passed == null ? null : passed == 1.0));
    }
}
