package io.seqscore.app.scoring;

import io.seqscore.model.core.anomaly.RangeNovelty;
import io.seqscore.model.core.anomaly.ResidualForecaster;

import java.util.List;
import java.util.Objects;

/**
 * The parameters of the range-novelty detector (seqscore.anomaly.range.*); see {@link RangeNovelty}.
 *
 * @param levelScales    events of each level channel's moving average (warm-up: as many events)
 * @param residualScale  events of the residual channel's moving average (warm-up: twice as many)
 * @param seasonalScale  events of the seasonal channel's moving average (warm-up: twice as many)
 * @param seasonalWeight weight of the seasonal channel's exceedance
 * @param margin         the exceedance that scores 0.5 and raises an alarm
 * @param refractory     events after an alarm that score 0
 * @param periodMs       the season of the seasonal channel's look-back (event time)
 * @param toleranceMs    how far before "one period ago" the event found may lie
 * @param history        the key's latest events (before the current one) the look-back searches
 * @param forecaster     what the residual channel compares an event with: the model's forecast, or the last value
 * @param memory         events a range remembers its records for (0: all time; see {@link RangeNovelty})
 * @param instantWeight  weight of the instant channel, the unsmoothed forecast error (0: no such channel)
 * @param instantMemory  events the instant channel remembers its records for (0: as {@code memory})
 * @param transientEvents events within which a mature key's excursion is given back (0: never; see {@link RangeNovelty})
 * @param matureEvents   events a key must have absorbed before its excursions are given back
 * @param minExceedance  the exceedance an alarm needs for its excursion to be given back
 * @param dispersionWeight weight of the dispersion channel, the spread of a key's changes (0: no such channel)
 * @param dispersionScale  events of the dispersion channel's moving average (warm-up: twice as many)
 */
public record RangeSettings(List<Integer> levelScales, int residualScale, int seasonalScale, double seasonalWeight,
                            double margin, int refractory, long periodMs, long toleranceMs, int history,
                            ResidualForecaster forecaster, int memory, double instantWeight, int instantMemory,
                            int transientEvents, int matureEvents, double minExceedance, double dispersionWeight,
                            int dispersionScale) {
    /** The NAB study's parameters. */
    public static final RangeSettings DEFAULTS = new RangeSettings(List.of(8, 32), 64, 16, 0.25, 0.05, 12,
            86_400_000L, 1_800_000L, 320, ResidualForecaster.NETWORK, 0, 0, 0, 0, 1_000, 0, 0, 32);

    public RangeSettings {
        levelScales = List.copyOf(Objects.requireNonNull(levelScales, "levelScales"));
        Objects.requireNonNull(forecaster, "forecaster");
        if (periodMs < 1 || toleranceMs < 0 || history < 1 || history >= ScoringSettings.MAX_REWARM_CAPACITY) {
            throw new IllegalArgumentException("need a period >= 1 ms, a tolerance >= 0 ms and a history in [1, "
                    + (ScoringSettings.MAX_REWARM_CAPACITY - 1) + "]; got " + periodMs + ", " + toleranceMs + ", "
                    + history);
        }
        detector(levelScales, residualScale, seasonalScale, seasonalWeight, margin, refractory, memory,
                instantWeight, instantMemory, new RangeNovelty.GiveBack(transientEvents, matureEvents, minExceedance),
                dispersionWeight, dispersionScale);
    }

    /** A detector with these parameters (one per scoring thread: it keeps the last event's exceedance). */
    public RangeNovelty newDetector() {
        return detector(levelScales, residualScale, seasonalScale, seasonalWeight, margin, refractory, memory,
                instantWeight, instantMemory, new RangeNovelty.GiveBack(transientEvents, matureEvents, minExceedance),
                dispersionWeight, dispersionScale);
    }

    private static RangeNovelty detector(List<Integer> levelScales, int residualScale, int seasonalScale,
                                         double seasonalWeight, double margin, int refractory, int memory,
                                         double instantWeight, int instantMemory, RangeNovelty.GiveBack giveBack,
                                         double dispersionWeight, int dispersionScale) {
        return new RangeNovelty(levelScales.stream().mapToInt(Integer::intValue).toArray(), residualScale,
                seasonalScale, seasonalWeight, margin, refractory, memory, instantWeight, instantMemory,
                giveBack, dispersionWeight, dispersionScale);
    }

    /** Events a key's ring must hold for the look-back: the history and the current event. */
    public int ringEvents() {
        return history + 1;
    }
}
