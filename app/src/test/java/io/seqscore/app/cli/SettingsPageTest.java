package io.seqscore.app.cli;

import io.seqscore.app.config.SeqscoreConfig;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/settings.md holds the settings table generated from the settings' definitions, so docs cannot drift. */
class SettingsPageTest {
    private static final Path ROOT = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("..").normalize();
    private static final Path PAGE = ROOT.resolve("docs/settings.md");

    @Test
    void shouldMatchTheGeneratedSettingsTable() throws IOException {
        assertThat(PAGE).as("the settings page").isRegularFile();
        assertThat(SettingsSection.extract(Files.readString(PAGE, StandardCharsets.UTF_8)))
                .as("docs/settings.md's settings table (between " + SettingsSection.START + " and " + SettingsSection.END
                        + ") is out of date; regenerate it with"
                        + " `java -jar app/target/seqscore.jar settings-table --update docs/settings.md`")
                .hasValue(SeqscoreConfig.settingsTable());
    }

    @Test
    void shouldBeLinkedFromTheReadme() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        assertThat(readme).contains("](docs/settings.md)");
        assertThat(SettingsSection.extract(readme)).as("the table lives in docs/settings.md only").isEmpty();
    }
}
