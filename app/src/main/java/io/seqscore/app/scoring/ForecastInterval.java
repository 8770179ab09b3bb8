package io.seqscore.app.scoring;

import io.seqscore.app.model.ServingModel;

/**
 * The bounds of the prediction interval a Score carries around forecast value i (row s·D + d of H·D, events'
 * units): the model's own quantiles when its release has a quantile head (the key's forecast buffer holds them
 * after the point forecasts, {@link QuantileForecasts}), else the release's calibrated interval, the in-sample
 * residuals' quantiles at step s times the key's σ_d around the forecast.
 */
final class ForecastInterval {
    private ForecastInterval() {
    }

    /** The lower bound of value i of the forecast f; sigma = σ_d of the event's scaling. */
    static double lower(ServingModel model, float[] f, int i, double sigma) {
        return model.hasQuantileHead() ? f[model.forecastSize() + i] : f[i] + model.calibration().intervalLower(i) * sigma;
    }

    /** The upper bound of value i of the forecast f. */
    static double upper(ServingModel model, float[] f, int i, double sigma) {
        return model.hasQuantileHead() ? f[2 * model.forecastSize() + i]
                : f[i] + model.calibration().intervalUpper(i) * sigma;
    }
}
