package io.seqscore.app.evaluate.m4;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.pipeline.QuietLogging;
import io.seqscore.app.pipeline.TopicReader;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A batch of series through the real pipeline ({@link EmbeddedPipeline}: a broker in this process with an
 * in-memory registry): the release published through the models topic, the scorer started on it, every value
 * of every series produced to the events topic (key = series id, one event per hour from
 * {@link M4Model#EPOCH_MILLIS}), and from the scores topic, for each series, the forecast the scorer emitted at
 * the series' last event.
 */
final class M4Scoring {
    private static final String PREFIX = "m4-";
    private static final int PARTITIONS = 2;
    /** The scores topic must keep growing; this long without a new score and the run fails. */
    private static final Duration STALL = Duration.ofMinutes(2);

    private M4Scoring() {
    }

    /** The forecast (H values, raw units) and the bounds of its interval emitted at a series' last value. */
    record Served(double[] forecast, double[] lower, double[] upper) {
    }

    /**
     * The forecast (H values, raw units) emitted at each series' last value, by series id, with the season selection
     * (seqscore.forecast.season.selection) on or off.
     */
    static Map<String, double[]> lastForecasts(List<M4Series> series, ModelRelease release, boolean seasonSelection) {
        Map<String, double[]> out = new HashMap<>();
        lastScores(series, release, seasonSelection).forEach((id, s) -> out.put(id, s.forecast()));
        return out;
    }

    /**
     * The forecast and its interval emitted at each series' last value, by series id, with the season selection
     * (seqscore.forecast.season.selection) on or off.
     */
    static Map<String, Served> lastScores(List<M4Series> series, ModelRelease release, boolean seasonSelection) {
        try (QuietLogging quiet = QuietLogging.kafka();
             EmbeddedPipeline pipeline = EmbeddedPipeline.builder(PREFIX).partitions(PARTITIONS)
                     .applicationId("seqscore-m4")
                     .setting(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "200")
                     .setting(SeqscoreConfig.MODEL_NAME_CONFIG, release.getName())
                     .setting(SeqscoreConfig.GAP_RESET_MS_CONFIG, "0")
                     .setting(SeqscoreConfig.SEASON_SELECTION_CONFIG, Boolean.toString(seasonSelection))
                     .start()) {
            pipeline.publish(release);
            pipeline.startScorer();
            produce(pipeline, series);
            return collect(pipeline.scoresReader(), series, release.getArchitecture().getHorizon());
        }
    }

    private static void produce(EmbeddedPipeline pipeline, List<M4Series> series) {
        EventsProducer producer = pipeline.eventsProducer("seqscore-m4-events", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.BATCH_SIZE_CONFIG, "262144"));
        for (M4Series s : series) {
            double[] v = s.values();
            for (int i = 0; i < v.length; i++) {
                producer.send(s.id(), Event.newBuilder().setEventTime(Instant.ofEpochMilli(M4Model.time(i)))
                        .setValues(List.of(v[i])).setAttributes(null).build());
            }
        }
        producer.flush();
    }

    private static Map<String, Served> collect(TopicReader<Score> reader, List<M4Series> series, int size) {
        Map<String, Long> lastTime = new HashMap<>();
        for (M4Series s : series) {
            lastTime.put(s.id(), M4Model.time(s.length() - 1));
        }
        Map<String, Served> out = new HashMap<>();
        boolean complete = reader.readWhileProgressing(() -> out.size() >= lastTime.size(), r -> {
            Long last = lastTime.get(r.key());
            if (last != null && r.value().getEventTime().toEpochMilli() == last) {
                Score score = r.value();
                out.put(r.key(), new Served(values(r.key(), score, score.getForecast(), size),
                        values(r.key(), score, score.getForecastLower(), size),
                        values(r.key(), score, score.getForecastUpper(), size)));
            }
        }, STALL);
        if (!complete) {
            throw new IllegalStateException("the scorer emitted no score for " + STALL.toSeconds()
                    + " s; forecasts for " + out.size() + " of " + lastTime.size() + " series");
        }
        return out;
    }

    private static double[] values(String key, Score score, List<Double> f, int size) {
        if (f.size() != size) {
            throw new IllegalStateException("the score of series " + key + "'s last value has " + f.size()
                    + " forecast values (status " + score.getStatus() + "), expected " + size);
        }
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = f.get(i);
        }
        return out;
    }
}
