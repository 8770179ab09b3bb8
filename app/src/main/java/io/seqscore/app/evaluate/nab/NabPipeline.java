package io.seqscore.app.evaluate.nab;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.pipeline.TopicReader;
import io.seqscore.app.service.ScorerService;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring half of {@code evaluate nab}, through the real pipeline ({@link EmbeddedPipeline}: a broker in
 * this process with an in-memory Schema Registry): the releases published to the models topic, the scorer
 * ({@link ScorerService}, as {@code seqscore run} starts it) with the range detector unless the settings name
 * another, gap reset off, late policy
 * {@code score}, and releases verified against the run's trusted key; then every row of every file produced to
 * the events topic in file order (key = the file's key; the event attribute {@value #MODEL_ATTRIBUTE} names its
 * model, so routing costs one map lookup per event however many files there are) and the scores topic read back
 * until every row has its score.
 *
 * @param trustedKey the public key (PEM) the releases are signed with
 * @param stateDir   an empty directory for the scorer's state
 * @param timeout    how long loading the models, and then scoring, may each take
 */
record NabPipeline(Path trustedKey, Path stateDir, Duration timeout) {
    static final String MODEL_ATTRIBUTE = "model";
    private static final String PREFIX = "seqscore-nab-";
    private static final int PARTITIONS = 2;
    /** The detector of the run unless a variant's settings name another. */
    static final String DETECTOR = "range";

    /**
     * The anomaly score of every row of every file (file order; null where the scorer gave none), scored with
     * {@code settings} over the run's defaults.
     */
    Map<String, Double[]> score(List<NabSeries> files, List<ModelRelease> releases, Map<String, String> settings)
            throws InterruptedException {
        EmbeddedPipeline.Builder builder = EmbeddedPipeline.builder(PREFIX).partitions(PARTITIONS).stateDir(stateDir)
                .setting(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(PARTITIONS))
                .setting(SeqscoreConfig.MODEL_NAME_CONFIG, PREFIX + "unrouted")
                .setting(SeqscoreConfig.ROUTING_ATTRIBUTE_CONFIG, MODEL_ATTRIBUTE)
                .setting(SeqscoreConfig.TRUSTED_KEYS_CONFIG, trustedKey.toString())
                .setting(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, DETECTOR)
                .setting(SeqscoreConfig.GAP_RESET_MS_CONFIG, "0")
                .setting(SeqscoreConfig.LATE_POLICY_CONFIG, "score");
        settings.forEach(builder::setting);
        try (EmbeddedPipeline pipeline = builder.start()) {
            releases.forEach(pipeline::publish);
            ScorerService scorer = pipeline.startScorer();
            EmbeddedPipeline.awaitReleases(scorer.registry(), releases, timeout);
            produce(pipeline, files);
            return collect(pipeline.scoresReader(), files);
        }
    }

    private static void produce(EmbeddedPipeline pipeline, List<NabSeries> files) {
        EventsProducer producer = pipeline.eventsProducer(PREFIX + "events", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024)));
        for (NabSeries s : files) {
            Map<String, String> attributes = Map.of(MODEL_ATTRIBUTE, s.key());
            for (int i = 0; i < s.rows(); i++) {
                producer.send(s.key(), Event.newBuilder().setEventTime(Instant.ofEpochMilli(s.times()[i]))
                        .setValues(List.of(s.values()[i])).setAttributes(attributes).build());
            }
        }
        producer.flush();
    }

    private Map<String, Double[]> collect(TopicReader<Score> reader, List<NabSeries> files) {
        Map<String, Double[]> scores = new HashMap<>();
        Map<String, Integer> filled = new HashMap<>();
        Map<String, NabSeries> byKey = new HashMap<>();
        for (NabSeries s : files) {
            byKey.put(s.key(), s);
            scores.put(s.key(), new Double[s.rows()]);
            filled.put(s.key(), 0);
        }
        long expected = files.stream().mapToLong(NabSeries::rows).sum();
        long[] received = {0};
        boolean complete = reader.readUntil(() -> received[0] >= expected, r -> {
            Double[] row = scores.get(r.key());
            if (row == null) {
                throw new IllegalStateException("a score for the unknown key " + r.key());
            }
            int i = filled.get(r.key());
            if (i == row.length) {
                throw new IllegalStateException("more scores than rows for " + r.key());
            }
            check(r, i, byKey.get(r.key()));
            row[i] = r.value().getAnomalyScore();
            filled.put(r.key(), i + 1);
            received[0]++;
        }, timeout);
        if (!complete) {
            throw new IllegalStateException("the scorer gave " + received[0] + " of " + expected + " scores within "
                    + timeout.toSeconds() + " s");
        }
        return scores;
    }

    /** Row i of the file was scored by the file's own model, at the row's time. */
    private static void check(ConsumerRecord<String, Score> r, int i, NabSeries file) {
        if (r.value().getStatus() == ScoreStatus.NO_MODEL || !r.key().equals(r.value().getModelName())) {
            throw new IllegalStateException("row " + (i + 1) + " of " + r.key() + " was not scored by its"
                    + " model (status " + r.value().getStatus() + ", model " + r.value().getModelName() + ")");
        }
        if (r.value().getEventTime().toEpochMilli() != file.times()[i]) {
            throw new IllegalStateException("score " + (i + 1) + " of " + r.key() + " is for event time "
                    + r.value().getEventTime() + ", not row " + (i + 1) + "'s " + file.timestampText()[i]);
        }
    }
}
