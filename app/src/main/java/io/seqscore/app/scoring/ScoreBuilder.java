package io.seqscore.app.scoring;

import io.seqscore.input.DoubleList;
import io.seqscore.model.core.anomaly.ResidualCalibration;
import io.seqscore.app.model.ServingModel;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.model.core.NetworkSpec;

import java.time.Instant;
import java.util.List;

/**
 * Fills the one {@link Score} a processor forwards for every event (and its array views), so that a
 * score costs no new lists. The Score is overwritten by the next event: it must be serialized (as a
 * sink does) before then.
 */
final class ScoreBuilder {
    private final Score score = new Score();
    private final DoubleList expected = new DoubleList();
    private final DoubleList residual = new DoubleList();
    private final DoubleList forecast = new DoubleList();
    private final DoubleList lower = new DoubleList();
    private final DoubleList upper = new DoubleList();

    Score score() {
        return score;
    }

    /** Starts a score: no expectation, no anomaly score, no model, no forecast. */
    ScoreBuilder start(long eventTime, List<Double> observed, ScoreStatus status) {
        score.setEventTime(Instant.ofEpochMilli(eventTime));
        score.setObserved(observed);
        score.setStatus(status);
        score.setExpected(null);
        score.setResidual(null);
        score.setAnomalyScore(null);
        score.setAnomaly(false);
        score.setModelName(null);
        score.setModelVersion(null);
        score.setStepsSeen(0L);
        score.setForecast(forecast.reset(0));
        score.setForecastLower(lower.reset(0));
        score.setForecastUpper(upper.reset(0));
        score.setHorizon(0);
        return this;
    }

    /** expected_d = the stored forecast f_d and residual_d = observed_d − f_d (copied: f may change next). */
    ScoreBuilder expected(float[] f, int dims, KeyScorer input) {
        expected.reset(dims);
        residual.reset(dims);
        for (int d = 0; d < dims; d++) {
            expected.put(d, f[d]);
            residual.put(d, input.observed(d) - f[d]);
        }
        score.setExpected(expected);
        score.setResidual(residual);
        return this;
    }

    ScoreBuilder anomaly(double anomalyScore, boolean flagged) {
        score.setAnomalyScore(anomalyScore);
        score.setAnomaly(flagged);
        return this;
    }

    ScoreBuilder model(ServingModel model, long stepsSeen) {
        score.setModelName(model.name());
        score.setModelVersion(model.version());
        score.setStepsSeen(stepsSeen);
        return this;
    }

    /** The forecast f (value units) with its interval f_i + [lower_i, upper_i]·σ_d under the event's scaling. */
    ScoreBuilder forecast(ServingModel model, float[] f, KeyScorer scaling) {
        NetworkSpec spec = model.spec();
        int size = spec.outputSize();
        int dims = spec.outputDim();
        ResidualCalibration cal = model.calibration();
        forecast.reset(size);
        lower.reset(size);
        upper.reset(size);
        for (int i = 0; i < size; i++) {
            double s = scaling.sigma(i % dims);
            forecast.put(i, f[i]);
            lower.put(i, f[i] + cal.intervalLower(i) * s);
            upper.put(i, f[i] + cal.intervalUpper(i) * s);
        }
        score.setForecast(forecast);
        score.setForecastLower(lower);
        score.setForecastUpper(upper);
        score.setHorizon(spec.horizon());
        return this;
    }
}
