package io.seqscore.app.scoring;

/**
 * What the scorer does to a release's forecast before a Score carries it (seqscore.forecast.*).
 *
 * @param seasonSelection whether keys of SEASONAL_OFFSETS releases choose between the daily and the weekly season
 *                        ({@link ForecastSelection})
 * @param selectionMemory events the selection's running errors remember; 0: one week (7 × the release's season)
 */
public record ForecastSettings(boolean seasonSelection, int selectionMemory) {
    /** The scorer's defaults: the selection on (adopted on the M4 hold-out, QUALITY.md), a week of memory. */
    public static final ForecastSettings DEFAULTS = new ForecastSettings(true, 0);

    public ForecastSettings {
        if (selectionMemory < 0) {
            throw new IllegalArgumentException("season selection memory must be >= 0 (0: one week), got "
                    + selectionMemory);
        }
    }
}
