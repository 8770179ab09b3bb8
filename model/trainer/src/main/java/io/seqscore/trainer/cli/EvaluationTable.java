package io.seqscore.trainer.cli;

import io.seqscore.trainer.calibrate.CalibrationResult;
import io.seqscore.trainer.eval.ForecastMetrics;
import io.seqscore.trainer.eval.Forecaster;
import io.seqscore.trainer.train.TrainedModel;

import java.util.Locale;

/** The validation results of a run as a small table, printed by {@code train}. */
final class EvaluationTable {
    private EvaluationTable() {
    }

    static String format(TrainedModel model) {
        ForecastMetrics m = model.forecastMetrics();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "validation (normalized units; seasonal-naive period %d; best epoch %d of %d,"
                        + " validation loss %.5f)%n", model.season(), model.training().bestEpoch(),
                model.training().epochs().size(), model.training().best().validationLoss()));
        sb.append(String.format(Locale.ROOT, "%-6s %-15s %10s %10s %10s%n", "step", "forecast", "MAE", "RMSE", "MASE"));
        for (int s = 1; s <= m.horizon(); s++) {
            for (Forecaster f : Forecaster.values()) {
                String name = switch (f) {
                    case MODEL -> "model";
                    case NAIVE -> "last value";
                    case SEASONAL_NAIVE -> "seasonal naive";
                };
                sb.append(String.format(Locale.ROOT, "%-6d %-15s %10.4f %10.4f %10.4f%n", s, name, m.mae(f, s),
                        m.rmse(f, s), m.mase(f, s)));
            }
        }
        CalibrationResult c = model.calibration();
        sb.append(String.format(Locale.ROOT, "calibration: threshold %.6f flags %.2f%% of %d validation events (target"
                        + " %.2f%%); one-step scale %s; %.0f%% interval %s .. %s%n", c.threshold(), 100 * c.flagRate(),
                c.sampleCount(), 100 * c.targetFpr(), vector(c.scale(), m.horizon()), 100 * c.intervalCoverage(),
                vector(c.intervalLower(), m.horizon()), vector(c.intervalUpper(), m.horizon())));
        return sb.toString();
    }

    private static String vector(double[] v, int horizon) {
        int d = v.length / horizon;
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < d; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.4f", v[i]));
        }
        return sb.append(']').toString();
    }
}
