package io.seqscore.app.cli;

import io.seqscore.app.config.SeqscoreConfig;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The README's settings table is the one generated from the settings' definitions, so docs cannot drift. */
class ReadmeSettingsTableTest {

    @Test
    void shouldMatchTheGeneratedSettingsTable() throws Exception {
        Path readme = Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../README.md").normalize();
        assumeTrue(Files.exists(readme), "no README.md at " + readme);
        Optional<String> section = SettingsSection.extract(Files.readString(readme, StandardCharsets.UTF_8));
        assumeTrue(section.isPresent(), "README.md has no " + SettingsSection.START + " section yet");
        assertThat(section.get())
                .as("README.md's settings table is out of date; regenerate it with"
                        + " `java -jar app/target/seqscore.jar settings-table --update README.md`")
                .isEqualTo(SeqscoreConfig.settingsTable());
    }
}
