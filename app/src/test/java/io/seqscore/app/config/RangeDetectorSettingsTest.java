package io.seqscore.app.config;

import io.seqscore.app.scoring.LikelihoodSettings;
import io.seqscore.app.scoring.RangeSettings;
import io.seqscore.app.scoring.ScoringSettings;
import io.seqscore.model.core.anomaly.Detector;
import io.seqscore.model.core.anomaly.Detectors;
import io.seqscore.model.core.anomaly.LikelihoodDetector;
import io.seqscore.model.core.anomaly.ResidualForecaster;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RangeDetectorSettingsTest {

    @Test
    void shouldDefaultToTheRangeDetectorWithTheStudysParametersAndTheReleasesTargetRate() {
        ScoringSettings s = new SeqscoreConfig(Map.of()).scoringSettings();
        assertThat(s.detector()).isEqualTo("range");
        assertThat(s.adaptive().targetRate()).as("the release's targetFpr").isNaN();
        assertThat(s.adaptive().step()).isEqualTo(0.3);
        assertThat(new SeqscoreConfig(Map.of("seqscore.anomaly.target.rate", "0.001")).scoringSettings().adaptive()
                .targetRate()).isEqualTo(0.001);
        assertThat(s.range()).isEqualTo(RangeSettings.DEFAULTS);
        RangeSettings r = s.range();
        assertThat(r.levelScales()).containsExactly(8, 32);
        assertThat(r.residualScale()).isEqualTo(64);
        assertThat(r.seasonalScale()).isEqualTo(16);
        assertThat(r.seasonalWeight()).isEqualTo(0.25);
        assertThat(r.margin()).isEqualTo(0.05);
        assertThat(r.refractory()).isEqualTo(12);
        assertThat(r.periodMs()).isEqualTo(86_400_000L);
        assertThat(r.toleranceMs()).isEqualTo(1_800_000L);
        assertThat(r.history()).isEqualTo(320);
        assertThat(r.forecaster()).isEqualTo(ResidualForecaster.NETWORK);
        assertThat(r.memory()).as("records remembered for all time").isZero();
        assertThat(s.ringCapacity(null, null)).as("range: the look-back history + the current event").isEqualTo(321);
        assertThat(new SeqscoreConfig(Map.of("seqscore.anomaly.detector", "calibrated")).scoringSettings()
                .ringCapacity(null, null)).as("calibrated: the re-warm buffer").isEqualTo(32);
    }

    @Test
    void shouldReadEveryRangeSettingAndSizeTheRingForTheLookBack() {
        ScoringSettings s = new SeqscoreConfig(Map.ofEntries(
                Map.entry("seqscore.anomaly.detector", "range"),
                Map.entry("seqscore.anomaly.range.level.scales", "4, 16, 64"),
                Map.entry("seqscore.anomaly.range.residual.scale", "32"),
                Map.entry("seqscore.anomaly.range.seasonal.scale", "8"),
                Map.entry("seqscore.anomaly.range.seasonal.weight", "0.5"),
                Map.entry("seqscore.anomaly.range.margin", "0.1"),
                Map.entry("seqscore.anomaly.range.refractory.events", "6"),
                Map.entry("seqscore.anomaly.range.season.period.ms", "3600000"),
                Map.entry("seqscore.anomaly.range.season.tolerance.ms", "60000"),
                Map.entry("seqscore.anomaly.range.season.history", "100"),
                Map.entry("seqscore.anomaly.range.forecaster", "last_value"),
                Map.entry("seqscore.anomaly.range.memory.events", "2000"),
                Map.entry("seqscore.anomaly.range.instant.weight", "0.5"),
                Map.entry("seqscore.anomaly.range.instant.memory.events", "480"),
                Map.entry("seqscore.anomaly.range.transient.events", "256"),
                Map.entry("seqscore.anomaly.range.transient.mature.events", "3000"),
                Map.entry("seqscore.anomaly.range.dispersion.weight", "0.5"),
                Map.entry("seqscore.anomaly.range.dispersion.scale", "16"))).scoringSettings();
        assertThat(s.detector()).isEqualTo("range");
        assertThat(s.range()).isEqualTo(new RangeSettings(List.of(4, 16, 64), 32, 8, 0.5, 0.1, 6, 3_600_000L, 60_000L, 100,
                ResidualForecaster.LAST_VALUE, 2000, 0.5, 480, 256, 3000, 0.0, 0.5, 16));
        assertThat(s.ringCapacity(null, null)).as("history + the current event").isEqualTo(101);
        assertThat(s.range().newDetector().stateSize(1, 1))
                .as("with the instant and dispersion channels and the transient region")
                .isEqualTo(5 + 3 * 3 + 4 + 3 + (1 + 4) + 1 + (5 + 3 * 3 + 4 + 3 + (1 + 4)));
        ScoringSettings empty = new SeqscoreConfig(Map.of("seqscore.anomaly.range.level.scales", "")).scoringSettings();
        assertThat(empty.range().levelScales()).isEmpty();
    }

    @Test
    void shouldReadTheLikelihoodSettingsAndHandThemToItsDetector() {
        ScoringSettings defaults = new SeqscoreConfig(Map.of("seqscore.anomaly.detector", "likelihood"))
                .scoringSettings();
        assertThat(defaults.likelihood()).isEqualTo(LikelihoodSettings.DEFAULTS)
                .isEqualTo(new LikelihoodSettings(LikelihoodDetector.Raw.RESIDUAL, LikelihoodDetector.Combine.NONE, 10,
                        8640, 288));
        assertThat(defaults.ringCapacity(null, null)).as("the range channels' look-back + the current event")
                .isEqualTo(321);
        ScoringSettings s = new SeqscoreConfig(Map.of("seqscore.anomaly.detector", "likelihood",
                "seqscore.anomaly.likelihood.raw", "range", "seqscore.anomaly.likelihood.combine", "range",
                "seqscore.anomaly.likelihood.short.events", "5", "seqscore.anomaly.likelihood.memory.events", "2000",
                "seqscore.anomaly.likelihood.learning.events", "0")).scoringSettings();
        assertThat(s.likelihood()).isEqualTo(new LikelihoodSettings(LikelihoodDetector.Raw.RANGE,
                LikelihoodDetector.Combine.RANGE, 5, 2000, 0));
        Detector detector = Detectors.create(s.detectorName(), s.detectorSettings());
        assertThat(detector).isInstanceOf(LikelihoodDetector.class);
        assertThat(((LikelihoodDetector) detector).stateSize(1, 1)).as("range's 15 + 6 + a ring of 5")
                .isEqualTo(15 + LikelihoodDetector.RING + 5);
    }

    @Test
    void shouldRejectInvalidRangeSettingsNamingThem() {
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.detector", "isolation-forest")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.detector");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.likelihood.raw", "htm")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.likelihood.raw");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.likelihood.short.events", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.likelihood.short.events");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.likelihood.learning.events", "-1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("seqscore.anomaly.likelihood.learning.events");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.memory.events", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.range.memory.events")
                .hasMessageContaining("0 or in [2");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.dispersion.scale", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.range.dispersion.scale");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.transient.events", "-1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.range.transient.events");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.instant.memory.events", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("seqscore.anomaly.range.instant.memory.events").hasMessageContaining("0 or in [2");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.level.scales", "8,0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.range.level.scales")
                .hasMessageContaining("[1, 1000000]");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.level.scales", "8,x")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.margin", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.range.margin");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.season.history", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.range.season.history");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.seasonal.weight", "-0.1")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.instant.weight", "-0.25")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.range.instant.weight");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.season.period.ms", "0")))
                .isInstanceOf(ConfigException.class);
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.range.forecaster", "seasonal")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.range.forecaster");
        assertThatThrownBy(() -> new SeqscoreConfig(Map.of("seqscore.anomaly.target.rate", "1")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("seqscore.anomaly.target.rate");
    }
}
