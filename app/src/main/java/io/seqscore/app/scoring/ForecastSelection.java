package io.seqscore.app.scoring;

import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.features.SeasonSelection;
import io.seqscore.model.core.features.SeasonalOffsetsFeatures;

/**
 * The per-key season selection of a processor ({@link SeasonSelection}), for releases whose features are
 * SEASONAL_OFFSETS and have a spacing, when seqscore.forecast.season.selection is on: counts each live event into
 * the key's state and gives the forecast a Score carries: the release's, or, for a key whose weekly season has been
 * the better predictor, weekly seasonal naive or the mean of the two, with the interval shifted by as much as the
 * point. The key's stored forecast, which the anomaly detector and the next Score's expected value read, stays the
 * release's. One per stream task; keeps the last release's selection and the served forecast's scratch, so an event
 * allocates nothing.
 */
final class ForecastSelection {
    private final ForecastSettings settings;
    private FeatureTransform features;
    private SeasonSelection selection;
    private float[] served = new float[0];

    ForecastSelection(ForecastSettings settings) {
        this.settings = settings;
    }

    /** The selection under a model, or null when it does not apply (off, another kind, no spacing, no model). */
    SeasonSelection of(ServingModel model) {
        if (!settings.seasonSelection() || model == null) {
            return null;
        }
        FeatureTransform f = model.features();
        if (f != features) {
            features = f;
            selection = f instanceof SeasonalOffsetsFeatures offsets && offsets.seasonalChanges().spacing() > 0
                    ? new SeasonSelection(offsets.seasonalChanges(), settings.selectionMemory()) : null;
        }
        return selection;
    }

    /** Events a key's ring must hold for the selection under a model: a week and the current event; 0 when off. */
    int historyEvents(ServingModel model) {
        SeasonSelection s = of(model);
        return s == null ? 0 : s.historyEvents();
    }

    /** Counts the key's newest event (in its ring) into its selection. */
    void update(KeyState state, ServingModel model) {
        SeasonSelection s = of(model);
        if (s != null) {
            s.update(state.history(0, s.historyEvents()), state.seasonSelection());
        }
    }

    /**
     * The forecast (and quantile bounds) a Score of the key carries: the state's own forecast, or a scratch array
     * (valid until the next call) holding the selected one.
     */
    float[] served(KeyState state, ServingModel model) {
        float[] forecast = state.forecast();
        SeasonSelection s = of(model);
        if (s == null || !state.hasForecast()) {
            return forecast;
        }
        int choice = s.choice(state.seasonSelection());
        if (choice != SeasonSelection.WEEK && choice != SeasonSelection.MEAN) {
            return forecast;
        }
        int size = state.horizon() * state.outputDim();
        if (served.length < size) {
            served = new float[size];
        }
        int points = model.forecastSize();
        s.serve(state.history(0, s.historyEvents()), choice, forecast, points, size / points, served);
        return served;
    }
}
