package io.seqscore.app.topology;

import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static io.seqscore.app.topology.ScoringValuesTest.MEAN;
import static io.seqscore.app.topology.ScoringValuesTest.SCALE;
import static io.seqscore.app.topology.ScoringValuesTest.SPEC;
import static io.seqscore.app.topology.ScoringValuesTest.STD;
import static io.seqscore.app.topology.ScoringValuesTest.WARMUP;
import static org.assertj.core.api.Assertions.assertThat;

/** Which model scores a key: the event's attribute, then the first matching rule, then the default. */
class RoutingTest {
    private static ModelRelease release(String name, long version, long seed) {
        return Releases.release(name, version, SPEC, Releases.randomParams(SPEC, seed, 0.6f), Releases.global(MEAN, STD),
                Releases.gaussian(SPEC, SCALE, 0.999, WARMUP));
    }

    private static Score score(ScorerDriver driver, String key, Map<String, String> attributes) {
        Event event = ScorerDriver.event(1_000, 10.0);
        event.setAttributes(attributes);
        driver.send(key, event);
        return driver.nextScore().value();
    }

    @Test
    void shouldRouteByAttributeThenFirstMatchingRuleThenDefault(@TempDir Path dir) {
        try (ScorerDriver driver = new ScorerDriver(dir, Map.of(
                "seqscore.model.name", "general",
                "seqscore.routing.rules", "sensor-eu-*=sensors-eu, sensor-*=sensors",
                "seqscore.routing.attribute", "model"))) {
            driver.publish(release("general", 1, 1));
            driver.publish(release("sensors-eu", 7, 2));
            driver.publish(release("sensors", 3, 3));
            driver.publish(release("special", 2, 4));

            assertThat(score(driver, "sensor-eu-1", null)).extracting(Score::getModelName, Score::getModelVersion)
                    .containsExactly("sensors-eu", 7L);
            assertThat(score(driver, "sensor-us-1", Map.of("region", "us")))
                    .extracting(Score::getModelName, Score::getModelVersion).containsExactly("sensors", 3L);
            assertThat(score(driver, "host-1", null)).extracting(Score::getModelName, Score::getModelVersion)
                    .containsExactly("general", 1L);
            assertThat(score(driver, "sensor-eu-2", Map.of("model", "special")))
                    .extracting(Score::getModelName, Score::getModelVersion).containsExactly("special", 2L);
            assertThat(score(driver, "host-2", Map.of("model", ""))).extracting(Score::getModelName)
                    .isEqualTo("general");
            Score unknown = score(driver, "host-3", Map.of("model", "nonexistent"));
            assertThat(unknown.getStatus()).isEqualTo(ScoreStatus.NO_MODEL);
            assertThat(unknown.getModelName()).isNull();
            driver.assertNoMoreOutput();
        }
    }
}
