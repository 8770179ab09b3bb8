package io.seqscore.app.evaluate.nab;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NabVariantTest {
    @Test
    void shouldReadSettingsAndListsWhoseItemsAreSeparatedBySemicolons() {
        NabVariant v = NabVariant.parse("levels:seqscore.anomaly.range.level.scales=8;32;128,seqscore.anomaly.range.margin=0.1");

        assertThat(v.name()).isEqualTo("levels");
        assertThat(v.settings()).isEqualTo(Map.of("seqscore.anomaly.range.level.scales", "8,32,128",
                "seqscore.anomaly.range.margin", "0.1"));
    }

    @Test
    void shouldTakeANameAloneAsNoSettings() {
        assertThat(NabVariant.parse("seqscore")).isEqualTo(NabVariant.DEFAULT);
    }

    @Test
    void shouldRefuseAKeyThatIsNoSetting() {
        assertThatThrownBy(() -> NabVariant.parse("a:margin=0.1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seqscore.* setting");
    }
}
