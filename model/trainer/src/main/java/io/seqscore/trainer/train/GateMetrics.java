package io.seqscore.trainer.train;

import io.seqscore.schemas.QualityGateMetrics;
import io.seqscore.trainer.eval.BaselineComparison;

import java.util.ArrayList;
import java.util.List;

/** The quality gate's entries in a release's metrics, under {@link QualityGateMetrics}' names, all at step 0. */
public final class GateMetrics {
    private GateMetrics() {
    }

    /**
     * @param enforced whether a failing model is refused (false: recorded only)
     */
    public static List<MetricValue> of(BaselineComparison c, boolean enforced) {
        List<MetricValue> out = new ArrayList<>();
        add(out, QualityGateMetrics.MODEL_MAE, c.modelMae());
        add(out, QualityGateMetrics.LAST_VALUE_MAE, c.lastValueMae());
        add(out, QualityGateMetrics.SEASONAL_NAIVE_MAE, c.seasonalNaiveMae());
        out.add(new MetricValue(QualityGateMetrics.SEASONAL_PERIOD, 0, c.season()));
        out.add(new MetricValue(QualityGateMetrics.PAIRS, 0, c.pairs()));
        out.add(new MetricValue(QualityGateMetrics.HELD_OUT, 0, c.heldOut() ? 1 : 0));
        out.add(new MetricValue(QualityGateMetrics.ENFORCED, 0, enforced ? 1 : 0));
        double better = Math.min(c.lastValueMae(), c.seasonalNaiveMae());
        if (c.pairs() > 0 && Double.isFinite(c.modelMae()) && Double.isFinite(better)) {
            out.add(new MetricValue(QualityGateMetrics.PASSED, 0, c.modelMae() <= better ? 1 : 0));
        }
        out.sort(MetricValue.ORDER);
        return out;
    }

    private static void add(List<MetricValue> out, String name, double value) {
        if (Double.isFinite(value)) {
            out.add(new MetricValue(name, 0, value));
        }
    }
}
