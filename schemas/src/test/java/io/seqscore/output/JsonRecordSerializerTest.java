package io.seqscore.output;

import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

class JsonRecordSerializerTest {
    private static String json(org.apache.avro.generic.IndexedRecord r) {
        return new String(new JsonRecordSerializer<>().serialize("t", r), StandardCharsets.UTF_8);
    }

    private static Score score(double observed, Double anomalyScore) {
        return Score.newBuilder().setEventTime(Instant.ofEpochMilli(5)).setObserved(List.of(observed))
                .setStatus(ScoreStatus.OK).setExpected(List.of(1.0)).setResidual(List.of(observed - 1.0))
                .setAnomalyScore(anomalyScore).setAnomaly(false).setForecast(List.of(2.0)).setForecastLower(List.of(1.5))
                .setForecastUpper(List.of(2.5)).setHorizon(1).setModelName("m").setModelVersion(3L).setStepsSeen(9L)
                .build();
    }

    @Test
    void shouldWriteAShadowScoreWithItsNestedScoresAndNonFiniteNumbersAsStrings() {
        ShadowScore s = ShadowScore.newBuilder().setServing(null).setShadow(score(Double.NaN, 0.25)).build();
        assertThat(json(s)).isEqualTo("{\"serving\":null,\"shadow\":{\"eventTime\":5,\"observed\":[\"NaN\"],"
                + "\"status\":\"OK\",\"expected\":[1.0],\"residual\":[\"NaN\"],\"anomalyScore\":0.25,\"anomaly\":false,"
                + "\"forecast\":[2.0],\"forecastLower\":[1.5],\"forecastUpper\":[2.5],\"horizon\":1,\"modelName\":\"m\","
                + "\"modelVersion\":3,\"stepsSeen\":9,\"symbol\":null,\"symbolRank\":null,\"nextSymbols\":[]}}");
    }

    @Test
    void shouldWriteGenericRecordsMapsBytesEnumsAndUnionsAsPlainValues() {
        Schema schema = new Schema.Parser().parse("""
                {"type": "record", "name": "R", "fields": [
                  {"name": "tags", "type": {"type": "map", "values": "int"}},
                  {"name": "raw", "type": "bytes"},
                  {"name": "kind", "type": {"type": "enum", "name": "K", "symbols": ["A", "B"]}},
                  {"name": "either", "type": ["null", "string", "long"]},
                  {"name": "f", "type": "float"}]}
                """);
        GenericRecord r = new GenericData.Record(schema);
        r.put("tags", new TreeMap<>(Map.of("x", 1, "y", 2)));
        r.put("raw", ByteBuffer.wrap(new byte[] {1, 2, 3}));
        r.put("kind", new GenericData.EnumSymbol(schema.getField("kind").schema(), "B"));
        r.put("either", 7L);
        r.put("f", 0.5f);
        assertThat(json(r)).isEqualTo("{\"tags\":{\"x\":1,\"y\":2},\"raw\":\"AQID\",\"kind\":\"B\",\"either\":7,"
                + "\"f\":0.5}");
        assertThat(new JsonRecordSerializer<GenericRecord>().serialize("t", null)).isNull();
    }
}
