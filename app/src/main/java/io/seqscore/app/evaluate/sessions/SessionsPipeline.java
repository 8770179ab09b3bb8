package io.seqscore.app.evaluate.sessions;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.pipeline.EmbeddedPipeline;
import io.seqscore.app.pipeline.EventsProducer;
import io.seqscore.app.pipeline.TopicReader;
import io.seqscore.app.service.ScorerService;
import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.trainer.sessions.Session;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The scoring half of {@code evaluate sessions}, through the real pipeline ({@link EmbeddedPipeline}): the release
 * published to the models topic, the scorer started with the next-symbol detector (g or the release's threshold),
 * every session of every test file produced to the events topic (key = file name and line, one event per symbol in
 * order, event times 1, 2, …, then the end symbol when the model was trained with one), and the scores topic read
 * back until every event has its score. Every file is treated the same way.
 */
final class SessionsPipeline {
    private static final String PREFIX = "seqscore-sessions-";
    private static final int PARTITIONS = 2;

    /** One test file's sessions, under the name its rows carry. */
    record TestFile(String name, List<Session> sessions) {
    }

    /** What the scorer made of one session. */
    record SessionResult(int events, int scored, int firstFlag, double maxScore) {
    }

    private final Path stateDir;
    private final Duration timeout;

    SessionsPipeline(Path stateDir, Duration timeout) {
        this.stateDir = stateDir;
        this.timeout = timeout;
    }

    /** The result of every session of every file, by key (file + ":" + line). */
    Map<String, SessionResult> score(List<TestFile> files, ModelRelease release, int topG, String endSymbol)
            throws InterruptedException {
        try (EmbeddedPipeline pipeline = EmbeddedPipeline.builder(PREFIX).partitions(PARTITIONS).stateDir(stateDir)
                .setting(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(PARTITIONS))
                .setting(SeqscoreConfig.MODEL_NAME_CONFIG, release.getName().toString())
                .setting(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, NextSymbolDetector.NAME)
                .setting(SeqscoreConfig.NEXT_SYMBOL_TOP_G_CONFIG, Integer.toString(topG))
                .setting(SeqscoreConfig.GAP_RESET_MS_CONFIG, "0")
                .setting(SeqscoreConfig.LATE_POLICY_CONFIG, "score")
                .start()) {
            pipeline.publish(release);
            ScorerService scorer = pipeline.startScorer();
            EmbeddedPipeline.awaitReleases(scorer.registry(), List.of(release), timeout);
            long expected = produce(pipeline, files, endSymbol);
            return collect(pipeline.scoresReader(), files, expected);
        }
    }

    static String key(String file, int line) {
        return file + ":" + line;
    }

    private static long produce(EmbeddedPipeline pipeline, List<TestFile> files, String endSymbol) {
        EventsProducer producer = pipeline.eventsProducer(PREFIX + "events", Map.of(
                ProducerConfig.LINGER_MS_CONFIG, "20", ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024)));
        long sent = 0;
        for (TestFile f : files) {
            for (Session s : f.sessions()) {
                String key = key(f.name(), s.line());
                List<String> symbols = s.withEnd(endSymbol).symbols();
                for (int t = 0; t < symbols.size(); t++) {
                    producer.send(key, Event.newBuilder().setEventTime(Instant.ofEpochMilli(t + 1L)).setValues(List.of())
                            .setSymbol(symbols.get(t)).setAttributes(null).build());
                    sent++;
                }
            }
        }
        producer.flush();
        return sent;
    }

    private Map<String, SessionResult> collect(TopicReader<Score> reader, List<TestFile> files, long expected) {
        Map<String, int[]> counts = new HashMap<>();
        Map<String, Double> max = new HashMap<>();
        Map<String, Integer> events = new HashMap<>();
        for (TestFile f : files) {
            for (Session s : f.sessions()) {
                String key = key(f.name(), s.line());
                counts.put(key, new int[2]);
                events.put(key, s.size());
                max.put(key, 0.0);
            }
        }
        long[] received = {0};
        boolean complete = reader.readUntil(() -> received[0] >= expected, r -> {
            int[] c = counts.get(r.key());
            if (c == null) {
                throw new IllegalStateException("a score for the unknown key " + r.key());
            }
            Score score = r.value();
            if (score.getStatus() == ScoreStatus.NO_MODEL) {
                throw new IllegalStateException("event " + (c[0] + 1) + " of " + r.key() + " was not scored by the model");
            }
            c[0]++;
            if (score.getAnomaly() && c[1] == 0) {
                c[1] = c[0];
            }
            Double a = score.getAnomalyScore();
            if (a != null && !a.isNaN() && a > max.get(r.key())) {
                max.put(r.key(), a);
            }
            received[0]++;
        }, timeout);
        if (!complete) {
            throw new IllegalStateException("the scorer gave " + received[0] + " of " + expected + " scores within "
                    + timeout.toSeconds() + " s");
        }
        Map<String, SessionResult> results = new HashMap<>();
        counts.forEach((k, c) -> results.put(k, new SessionResult(events.get(k), c[0], c[1], max.get(k))));
        return results;
    }
}
