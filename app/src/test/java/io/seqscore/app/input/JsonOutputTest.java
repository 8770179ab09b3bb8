package io.seqscore.app.input;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.seqscore.app.input.JsonInputTest.T;
import static org.assertj.core.api.Assertions.assertThat;

/** seqscore.output.format=json: the Score as one JSON object, field for field the Avro Score's values. */
class JsonOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldWriteAScoreWithoutModelAsThisExactJson(@TempDir Path dir) {
        try (ScorerDriver driver = new ScorerDriver(dir, Map.of("seqscore.output.format", "json"))) {
            driver.send("k", T, 1.5, -2.0);
            TestRecord<String, byte[]> r = driver.rawScores().readRecord();
            assertThat(r.key()).isEqualTo("k");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{\"eventTime\":1700000000000,"
                    + "\"observed\":[1.5,-2.0],\"status\":\"NO_MODEL\",\"expected\":null,\"residual\":null,"
                    + "\"anomalyScore\":null,\"anomaly\":false,\"forecast\":[],\"forecastLower\":[],\"forecastUpper\":[],"
                    + "\"horizon\":0,\"modelName\":null,\"modelVersion\":null,\"stepsSeen\":0,\"symbol\":null,"
                    + "\"symbolRank\":null,\"nextSymbols\":[]}");
            driver.assertNoMoreOutput();
        }
    }

    @Test
    void shouldWriteScoredEventsWithTheAvroScoresValuesExactly(@TempDir Path jsonDir, @TempDir Path avroDir)
            throws Exception {
        double[] series = {10.0, 11.5, 9.25, 10.75, 12.0, 8.5, 10.0, 11.0};
        try (ScorerDriver json = new ScorerDriver(jsonDir, Map.of("seqscore.output.format", "json"));
             ScorerDriver avro = new ScorerDriver(avroDir, Map.of())) {
            json.publish(InputReleases.release("default", 1));
            avro.publish(InputReleases.release("default", 1));
            for (int i = 0; i < series.length; i++) {
                json.send("k", T + i * 1000L, series[i]);
                avro.send("k", T + i * 1000L, series[i]);
            }
            List<Score> expected = avro.scores();
            List<byte[]> written = json.rawScores().readValuesToList();
            assertThat(written).hasSize(series.length);
            for (int i = 0; i < series.length; i++) {
                JsonNode n = JSON.readTree(written.get(i));
                Score s = expected.get(i);
                assertThat(n.get("eventTime").longValue()).isEqualTo(s.getEventTime().toEpochMilli());
                assertThat(doubles(n.get("observed"))).isEqualTo(s.getObserved());
                assertThat(n.get("status").textValue()).isEqualTo(s.getStatus().name());
                assertThat(doubles(n.get("expected"))).isEqualTo(s.getExpected());
                assertThat(doubles(n.get("residual"))).isEqualTo(s.getResidual());
                assertThat(n.get("anomalyScore").isNull() ? null : n.get("anomalyScore").doubleValue())
                        .isEqualTo(s.getAnomalyScore());
                assertThat(n.get("anomaly").booleanValue()).isEqualTo(s.getAnomaly());
                assertThat(doubles(n.get("forecast"))).isEqualTo(s.getForecast());
                assertThat(doubles(n.get("forecastLower"))).isEqualTo(s.getForecastLower());
                assertThat(doubles(n.get("forecastUpper"))).isEqualTo(s.getForecastUpper());
                assertThat(n.get("horizon").intValue()).isEqualTo(s.getHorizon());
                assertThat(n.get("modelName").textValue()).isEqualTo(s.getModelName());
                assertThat(n.get("modelVersion").longValue()).isEqualTo(s.getModelVersion());
                assertThat(n.get("stepsSeen").longValue()).isEqualTo(s.getStepsSeen());
                assertThat(n.size()).isEqualTo(Score.getClassSchema().getFields().size());
            }
            assertThat(expected.get(series.length - 1).getStatus()).isEqualTo(ScoreStatus.OK);
            json.assertNoMoreOutput();
            avro.assertNoMoreOutput();
        }
    }

    private static List<Double> doubles(JsonNode array) {
        if (array.isNull()) {
            return null;
        }
        List<Double> out = new ArrayList<>();
        array.forEach(v -> out.add(v.doubleValue()));
        return out;
    }
}
