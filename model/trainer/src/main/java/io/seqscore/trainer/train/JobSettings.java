package io.seqscore.trainer.train;

import io.seqscore.model.core.HeadSpec;
import io.seqscore.model.core.QuantileHead;
import io.seqscore.model.core.Require;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.ValuesFeatures;
import io.seqscore.trainer.calibrate.CalibrationOptions;
import io.seqscore.trainer.data.NormalizationMode;
import io.seqscore.trainer.data.WindowPlacement;

/**
 * Everything a {@link TrainingJob} needs beyond the data, by name ({@link #builder(TrainConfig, CalibrationOptions)}).
 *
 * @param train         the network and optimization settings
 * @param calibration   how residuals become the release's calibration
 * @param features      the feature kind and its parameters; a kind with a period gets its spacing fitted on the
 *                      history (the median gap between a key's events)
 * @param placement     where windows start in each run of rows
 * @param normalization how the in-sample job scales keys (GLOBAL: pooled over every key; PER_KEY: each key its
 *                      own); the validated job takes the data set's
 * @param headWeight    the weight w of the network's output in the released forecast, base + w·output: the head's
 *                      weights and biases are scaled by w after training, before calibration (1: the network alone;
 *                      0.5: the equal-weight combination with the base, e.g. seasonal naive under SEASONAL_OFFSETS)
 * @param season        the seasonal-naive period in events of the validated job's baselines, 0 = detect
 * @param head          what the network's head forecasts: the regression head (the point forecasts, MSE), or the
 *                      quantile head ({@link QuantileHead}: the point and the bounds of its own interval, MSE plus the
 *                      pinball loss); the head weight scales only the point's rows
 * @param ensemble      K, the networks trained (seeds seed … seed+K−1, shuffle seeds likewise) and released fused
 *                      as one whose forecast is their mean ({@link EnsembleTraining}); 1: one network
 */
public record JobSettings(TrainConfig train, CalibrationOptions calibration, FeatureParameters features,
                          WindowPlacement placement, NormalizationMode normalization, float headWeight, int season,
                          HeadSpec head, int ensemble) {
    public JobSettings {
        Require.nonNull("train calibration features placement normalization head",
                train, calibration, features, placement, normalization, head);
        if (!head.equals(HeadSpec.REGRESSION) && !QuantileHead.is(head)) {
            throw new IllegalArgumentException("a forecasting job trains the regression or the quantile head, not "
                    + head.displayName());
        }
        if (!(headWeight >= 0f && headWeight <= 1f)) {
            throw new IllegalArgumentException("head weight must be in [0, 1]; got " + headWeight);
        }
        if (season < 0) {
            throw new IllegalArgumentException("season must be >= 0 (0 = detect), got " + season);
        }
        if (ensemble < 1) {
            throw new IllegalArgumentException("an ensemble needs at least one network, got " + ensemble);
        }
    }

    /** VALUES features, windows covering each run, GLOBAL scaling, head weight 1, the season detected, one network. */
    public static Builder builder(TrainConfig train, CalibrationOptions calibration) {
        return new Builder(train, calibration);
    }

    public Builder toBuilder() {
        return new Builder(train, calibration).features(features).placement(placement).normalization(normalization)
                .headWeight(headWeight).season(season).head(head).ensemble(ensemble);
    }

    public static final class Builder {
        private TrainConfig train;
        private CalibrationOptions calibration;
        private FeatureParameters features = FeatureParameters.of(ValuesFeatures.KIND);
        private WindowPlacement placement = WindowPlacement.COVER;
        private NormalizationMode normalization = NormalizationMode.GLOBAL;
        private float headWeight = 1f;
        private int season;
        private HeadSpec head = HeadSpec.REGRESSION;
        private int ensemble = 1;

        private Builder(TrainConfig train, CalibrationOptions calibration) {
            this.train = train;
            this.calibration = calibration;
        }

        public Builder train(TrainConfig v) {
            train = v;
            return this;
        }

        public Builder calibration(CalibrationOptions v) {
            calibration = v;
            return this;
        }

        public Builder features(FeatureParameters v) {
            features = v;
            return this;
        }

        public Builder placement(WindowPlacement v) {
            placement = v;
            return this;
        }

        public Builder normalization(NormalizationMode v) {
            normalization = v;
            return this;
        }

        public Builder headWeight(float v) {
            headWeight = v;
            return this;
        }

        public Builder season(int v) {
            season = v;
            return this;
        }

        public Builder head(HeadSpec v) {
            head = v;
            return this;
        }

        public Builder ensemble(int v) {
            ensemble = v;
            return this;
        }

        public JobSettings build() {
            return new JobSettings(train, calibration, features, placement, normalization, headWeight, season, head,
                    ensemble);
        }
    }
}
