package io.seqscore.app.state;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes the fixture of the current state format, once, when a format is introduced: run with the fixtures
 * directory (relative to the app module) as a system property,
 * <pre>
 * ./mvnw -B -q -o -pl app -am test -Dtest=KeyStateFixtureWriter -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dseqscore.state.fixtures=src/test/resources/fixtures
 * </pre>
 * and commit the file. It never overwrites a fixture: a released format's bytes must not change, and
 * {@link KeyStateCodecTest} checks that the codec still writes them.
 */
class KeyStateFixtureWriter {
    @Test
    @EnabledIfSystemProperty(named = "seqscore.state.fixtures", matches = ".+")
    void shouldWriteTheFixtureOfTheCurrentFormat() throws IOException {
        assertThat(KeyStateCodec.FORMAT_VERSION).as("a fixture state for the current format").isEqualTo(4);
        Path file = Path.of(System.getProperty("seqscore.state.fixtures"), "key-state-v4.bin");
        assertThat(file).as("fixtures are written once").doesNotExist();
        Files.write(file, new KeyStateCodec().encode(KeyStateFixtures.v4()));
    }
}
