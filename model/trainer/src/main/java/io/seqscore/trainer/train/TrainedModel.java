package io.seqscore.trainer.train;

import io.seqscore.model.core.NetworkSpec;
import io.seqscore.trainer.calibrate.CalibrationResult;
import io.seqscore.trainer.data.FittedNormalization;
import io.seqscore.trainer.eval.ForecastMetrics;

import java.util.List;

/**
 * A trained, evaluated and calibrated model: what a release is built from.
 *
 * @param metrics sorted by {@link MetricValue#ORDER}
 * @param season  the seasonal-naive period used
 */
public record TrainedModel(NetworkSpec spec, float[] params, FittedNormalization normalization,
                           CalibrationResult calibration, ForecastMetrics forecastMetrics, List<MetricValue> metrics,
                           TrainingResult training, int season) {
}
