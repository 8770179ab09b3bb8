package io.seqscore.app.scoring;

import io.seqscore.model.core.anomaly.ThresholdScope;

import java.util.Objects;

/**
 * The next-symbol detector's parameters (seqscore.anomaly.next-symbol.*).
 *
 * @param topG        flag a symbol ranked below the g most likely (0: flag by the threshold instead)
 * @param transitions whether a release's seen transitions flag an unseen one
 * @param scope       which events the threshold (or g) judges
 */
public record NextSymbolSettings(int topG, boolean transitions, ThresholdScope scope) {
    /** The scorer's defaults: the threshold, the release's transitions, the scope chosen by the release. */
    public static final NextSymbolSettings DEFAULTS = new NextSymbolSettings(0, true, ThresholdScope.AUTO);

    public NextSymbolSettings {
        Objects.requireNonNull(scope, "scope");
        if (topG < 0) {
            throw new IllegalArgumentException("next-symbol g must be >= 0, got " + topG);
        }
    }
}
