package io.seqscore.app.reliability;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.model.core.anomaly.RangeDetector;
import io.seqscore.avro.Score;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The uninterrupted run a faulty run is held against: the same topology and settings in a
 * {@link org.apache.kafka.streams.TopologyTestDriver}, fed the workload's releases and then its events in the
 * order they were produced, every score read, by key in order. Without a detector setting, the product's default
 * ({@code range}), which the scorers under test run.
 */
final class ReferenceRun {
    private ReferenceRun() {
    }

    static Map<String, List<Score>> scores(Path stateDir, Workload workload, Map<String, String> settings) {
        Map<String, List<Score>> byKey = new LinkedHashMap<>();
        Map<String, String> product = new HashMap<>(settings);
        product.putIfAbsent(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, RangeDetector.NAME);
        try (ScorerDriver driver = new ScorerDriver(stateDir, product)) {
            driver.publish(workload.first());
            driver.publish(workload.second());
            workload.forEach((key, event) -> {
                driver.send(key, event);
                TestRecord<String, Score> score = driver.nextScore();
                byKey.computeIfAbsent(score.key(), k -> new ArrayList<>(workload.steps())).add(score.value());
            });
            if (!driver.dlq().isEmpty()) {
                throw new AssertionError("the reference run dead-lettered events");
            }
        }
        return byKey;
    }
}
