package io.seqscore.app.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsSectionTest {
    private static final String DOC = "intro\n" + SettingsSection.START + "\n| a |\n| b |\n" + SettingsSection.END + "\nend\n";

    @Test
    void shouldExtractTheTextBetweenTheMarkers() {
        assertThat(SettingsSection.extract(DOC)).hasValue("| a |\n| b |\n");
        assertThat(SettingsSection.extract(DOC.replace("\n", "\r\n"))).hasValue("| a |\r\n| b |\r\n");
        assertThat(SettingsSection.extract("no markers")).isEmpty();
        assertThat(SettingsSection.extract(SettingsSection.END + SettingsSection.START)).isEmpty();
    }

    @Test
    void shouldReplaceOnlyTheTextBetweenTheMarkers() {
        String replaced = SettingsSection.replace(DOC, "| c |\n");
        assertThat(replaced).isEqualTo("intro\n" + SettingsSection.START + "\n| c |\n" + SettingsSection.END + "\nend\n");
        assertThat(SettingsSection.extract(replaced)).hasValue("| c |\n");
        assertThat(SettingsSection.replace(DOC, "| c |")).isEqualTo(replaced);
        assertThatThrownBy(() -> SettingsSection.replace("none", "| c |")).isInstanceOf(IllegalArgumentException.class);
    }
}
