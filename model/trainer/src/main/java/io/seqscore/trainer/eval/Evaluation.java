package io.seqscore.trainer.eval;

/**
 * What one pass over the validation ranges gives.
 *
 * @param loss            mean squared residual over every warm forecast value with a validation target
 *                        (the training loss's measure, on validation)
 * @param metrics         accuracy of the model and the baselines
 * @param residuals       per forecast index i = s·D+d, the residuals r = observed − forecast (normalized
 *                        units) of warm forecasts with validation targets; null unless collected
 * @param oneStep         per scored validation event, its D one-step residuals in a row; null unless collected
 */
public record Evaluation(double loss, ForecastMetrics metrics, double[][] residuals, double[] oneStep) {
    /** Validation events whose one-step residuals were collected. */
    public int events(int outputDim) {
        return oneStep == null ? 0 : oneStep.length / outputDim;
    }
}
