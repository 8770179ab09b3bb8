/**
 * Evaluation as the scorer will run the model: each key's segments stepped event by event through
 * {@link io.seqscore.model.core.Network} from a zero state, forecasts compared with what came, against
 * the last-value and seasonal-naive forecasts (MAE, RMSE, MASE per horizon step), and the validation
 * residuals collected for calibration.
 */
package io.seqscore.trainer.eval;
