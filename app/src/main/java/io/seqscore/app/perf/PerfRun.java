package io.seqscore.app.perf;

import io.seqscore.app.config.RecordCacheSize;
import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.pipeline.PipelineCluster;
import io.seqscore.app.pipeline.QuietLogging;
import io.seqscore.app.scoring.DlqReason;
import io.seqscore.app.scoring.DropReason;
import io.seqscore.app.scoring.ScoringCounters;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.topology.ScorerTopology;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.serde.MockSchemaRegistry;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One {@code seqscore perf} run, in this order: the cluster and topics; the backlog of events; for the
 * headline model, a warm-up pair (unmeasured: JIT compilation, caches; {@code --no-warmup} skips it), then
 * per guarantee {@code repeats} pairs of scorer and baseline runs over the whole backlog; the sweep over
 * hidden sizes the same way; the categorical pair (a next-symbol model over its own backlog of events that
 * carry a symbol, the same count and keys; unless {@code --sweep-categorical none}); per guarantee a scorer that drains the backlog and then serves the paced
 * stream of the latency and swap measurement; the restore. Each run is a fresh application (own id,
 * empty state directory) reading the events topic from its start.
 */
final class PerfRun implements AutoCloseable {
    private static final Duration STORE_WAIT = Duration.ofSeconds(30);
    /**
     * Bytes Kafka Streams counts for a cache entry besides its key, value and source topic name: 24 for the LRU
     * node, 1 + 8 + 8 + 4 for the entry and its record context (Kafka Streams 4.3).
     */
    private static final int CACHE_ENTRY_BOOKKEEPING = 24 + 1 + 8 + 8 + 4;
    /** Topic config that makes a record's timestamp the broker's append time. */
    static final Map<String, String> APPEND_TIME = Map.of("message.timestamp.type", "LogAppendTime");

    private final PerfOptions options;
    private final Consumer<String> progress;
    private final String prefix;
    private final Workload workload;
    private final List<AutoCloseable> resources = new ArrayList<>();
    private final Map<String, Long> nextVersion = new HashMap<>();
    /** By model name: a key's state as the model's first scorer run stored it. */
    private final Map<String, byte[]> states = new HashMap<>();
    private PipelineCluster cluster;
    private WorkloadProducer producer;
    private long produced;
    private int runs;

    PerfRun(PerfOptions options, Consumer<String> progress) {
        this.options = options;
        this.progress = progress;
        this.prefix = "seqscore-perf-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        this.workload = new Workload(options.keys(), options.dimension(), options.seed());
    }

    PerfReport run() throws InterruptedException {
        resources.add(QuietLogging.kafkaAndSeqscore());
        if (options.embedded()) {
            progress.accept("starting a Kafka broker in this process (KRaft, 127.0.0.1)");
            cluster = PipelineCluster.embedded(prefix);
            resources.add(cluster);
        } else {
            cluster = PipelineCluster.external(options.bootstrapServers(), options.schemaRegistry() == null
                    ? MockSchemaRegistry.URL_PREFIX + prefix : options.schemaRegistry());
            resources.add(cluster);
            resources.add(() -> cluster.deleteTopics(prefix));
        }
        cluster.ensureTopic(eventsTopic(), options.partitions(), APPEND_TIME);
        for (String t : List.of(anomaliesTopic(), dlqTopic(), shadowScoresTopic())) {
            cluster.ensureTopic(t, 1, Map.of());
        }
        producer = new WorkloadProducer(cluster.clientProperties(), eventsTopic(), workload);
        resources.add(producer);
        progress.accept(String.format(Locale.ROOT, "producing %,d events for %,d keys to %s", options.events(),
                options.keys(), eventsTopic()));
        long t0 = System.nanoTime();
        producer.backlog(0, options.events());
        double produceSeconds = (System.nanoTime() - t0) / 1e9;
        produced = options.events();

        PerfModel headline = model(options.hidden());
        prepare(headline);
        Guarantee first = options.guarantees().get(0);
        if (options.warmup()) {
            progress.accept("warm-up: one scorer and one baseline run, not measured");
            ScorerRun warm = scorerRun(headline, first, "warmup");
            baselineRun(headline, first, "warmup", warm.baselineValueBytes());
        }

        Map<Guarantee, Comparison> headlines = new LinkedHashMap<>();
        for (Guarantee g : options.guarantees()) {
            headlines.put(g, compare(headline, g));
        }
        List<Comparison> sweep = new ArrayList<>();
        for (int h : options.sweep()) {
            Comparison known = h == options.hidden() ? headlines.get(options.sweepGuarantee()) : null;
            if (known != null) {
                sweep.add(known);
                continue;
            }
            PerfModel m = model(h);
            prepare(m);
            sweep.add(compare(m, options.sweepGuarantee()));
        }
        Comparison categorical = options.categorical() > 0 ? categorical() : null;
        Map<Guarantee, PerfReport.Live> live = new LinkedHashMap<>();
        for (Guarantee g : options.guarantees()) {
            live.put(g, live(headline, g));
        }
        Guarantee stateGuarantee = options.guarantees().contains(Guarantee.EXACTLY_ONCE) ? Guarantee.EXACTLY_ONCE : first;
        byte[] headlineState = states.get(stateKey(headline, stateGuarantee));
        RestoreBench.Result restore = options.restoreKeys() > 0 ? restore(headline, stateGuarantee, headlineState) : null;
        return new PerfReport(options, cluster.isEmbedded(), produceSeconds, headline, headlineState.length,
                ringBytes(headline), recordCache(headline, stateGuarantee), new ArrayList<>(headlines.values()), sweep,
                categorical, live, restore);
    }

    /**
     * Produces the categorical backlog ({@link Workload#categorical}: the same events count and keys, a symbol
     * each and no values), then compares the next-symbol model on it as the sweep compares its models, after an
     * unmeasured pair when warm-up is on (its model work is code the numeric runs have not compiled).
     */
    private Comparison categorical() throws InterruptedException {
        PerfModel m = PerfModel.categorical("perf-" + options.cell().name().toLowerCase(Locale.ROOT) + "-h"
                + options.categorical() + "-l" + options.layers() + "-symbols" + PerfOptions.SYMBOLS, options.cell(),
                options.categorical(), options.layers(), PerfOptions.SYMBOLS);
        cluster.ensureTopic(eventsTopic(m), options.partitions(), APPEND_TIME);
        progress.accept(String.format(Locale.ROOT, "producing %,d events with one of %d symbols for %,d keys to %s",
                options.events(), PerfOptions.SYMBOLS, options.keys(), eventsTopic(m)));
        try (WorkloadProducer symbols = new WorkloadProducer(cluster.clientProperties(), eventsTopic(m),
                Workload.categorical(options.keys(), PerfOptions.SYMBOLS, options.seed()))) {
            symbols.backlog(0, options.events());
        }
        prepare(m);
        if (options.warmup()) {
            progress.accept("warm-up of the categorical model: one scorer and one baseline run, not measured");
            ScorerRun warm = scorerRun(m, options.sweepGuarantee(), "warmup");
            baselineRun(m, options.sweepGuarantee(), "warmup", warm.baselineValueBytes());
            states.remove(stateKey(m, options.sweepGuarantee()));
        }
        return compare(m, options.sweepGuarantee());
    }

    /** The record cache per stream thread and the cache's bookkeeping per entry (Kafka Streams' NamedCache and LRUCacheEntry). */
    private PerfReport.RecordCache recordCache(PerfModel m, Guarantee g) {
        Properties p = scorerConfig(m, g).streamsProperties();
        long keyBytes = 0;
        for (int k = 0; k < options.keys(); k++) {
            keyBytes += Workload.keyName(k).length();
        }
        int overhead = (int) Math.round((double) keyBytes / options.keys()) + CACHE_ENTRY_BOOKKEEPING
                + eventsTopic().length();
        return new PerfReport.RecordCache(RecordCacheSize.perStreamThread(p), options.keys(),
                RecordCacheSize.streamThreads(p), overhead);
    }

    private PerfModel model(int hidden) {
        String name = "perf-" + options.cell().name().toLowerCase(Locale.ROOT) + "-h" + hidden + "-l" + options.layers();
        return new PerfModel(name, options.cell(), options.dimension(), hidden, options.layers());
    }

    /** Creates the model's scores and models topics and publishes its version 1. */
    private void prepare(PerfModel m) {
        cluster.ensureTopic(scoresTopic(m), options.partitions(), APPEND_TIME);
        Map<String, String> compacted = new HashMap<>(APPEND_TIME);
        compacted.put("cleanup.policy", "compact");
        cluster.ensureTopic(modelsTopic(m), 1, compacted);
        publish(m);
    }

    private long publish(PerfModel m) {
        long version = nextVersion.getOrDefault(m.name(), 1L);
        nextVersion.put(m.name(), version + 1);
        cluster.publish(modelsTopic(m), m.release(version, options.seed()));
        return version;
    }

    /**
     * {@code repeats} pairs: a scorer run, then a baseline run, over the same events; the baseline's values have
     * the mean size of the states its scorer run stored.
     */
    private Comparison compare(PerfModel m, Guarantee g) throws InterruptedException {
        List<StreamsApp.Drain> scorer = new ArrayList<>();
        List<StreamsApp.Drain> baseline = new ArrayList<>();
        List<Integer> baselineBytes = new ArrayList<>();
        long scored = 0;
        long rejected = 0;
        long flagged = 0;
        long steps = 0;
        long stepNanos = 0;
        for (int r = 1; r <= options.repeats(); r++) {
            ScorerRun s = scorerRun(m, g, "s" + r);
            StreamsApp.Drain b = baselineRun(m, g, "b" + r, s.baselineValueBytes());
            scorer.add(s.drain);
            baseline.add(b);
            baselineBytes.add(s.baselineValueBytes());
            ScoringCounters c = s.counts;
            scored += c.scoredTotal() - c.scoredCount(ScoreStatus.NO_MODEL);
            rejected += rejected(c);
            flagged += c.flaggedCount();
            steps += c.stepCount();
            stepNanos += c.stepNanosTotal();
            progress.accept(String.format(Locale.ROOT, "%s, %s, pair %d/%d: scorer %,.0f events/s, baseline %,.0f events/s",
                    m.describe(), g.label(), r, options.repeats(), s.drain.eventsPerSecond(), b.eventsPerSecond()));
        }
        return new Comparison(m, g, states.get(stateKey(m, g)).length, scorer, baseline, baselineBytes, scored,
                produced * options.repeats(), rejected, flagged, steps == 0 ? Double.NaN : stepNanos / 1e3 / steps);
    }

    private static long rejected(ScoringCounters c) {
        long n = 0;
        for (DlqReason r : DlqReason.values()) {
            n += c.deadLetteredCount(r);
        }
        for (DropReason r : DropReason.values()) {
            n += c.droppedCount(r);
        }
        return n;
    }

    /**
     * A scorer run's drain and counters, and the mean size of the states it stored. Its baseline stores values of
     * that size: the scorer's states grow while a key's re-warm ring fills and, under at-least-once, double from a
     * key's first event after a commit (the replay guard's checkpoint), so a size taken at the end of some run would
     * give the baseline more or fewer bytes than the scorer moved, and put one of them past the record cache's edge.
     */
    private record ScorerRun(StreamsApp.Drain drain, ScoringCounters counts, double meanStateBytes) {
        int baselineValueBytes() {
            return (int) Math.round(meanStateBytes);
        }
    }

    /** Drains the events through the scorer; the model's first run also keeps a key's stored state. */
    private ScorerRun scorerRun(PerfModel m, Guarantee g, String tag) throws InterruptedException {
        ProgressCounter counter = new ProgressCounter(produced);
        try (StreamsApp app = scorerApp(m, g, appId(m, g, tag), counter).start()) {
            StreamsApp.Drain d = app.drain(counter, options.timeout());
            String key = stateKey(m, g);
            if (!states.containsKey(key)) {
                states.put(key, largestState(app));
            }
            return new ScorerRun(d, counter.counts(), counter.meanStateBytes());
        }
    }

    /** States differ by guarantee: at-least-once adds the replay guard's checkpoint. */
    private static String stateKey(PerfModel m, Guarantee g) {
        return m.name() + "/" + g.name();
    }

    /** The largest state among a few keys (all of them full once a key has seen the re-warm buffer's length). */
    private byte[] largestState(StreamsApp app) throws InterruptedException {
        byte[] largest = null;
        for (int k = 0; k < Math.min(8, options.keys()); k++) {
            byte[] v = app.storeValue(ScorerTopology.STATE_STORE, Workload.keyName(k), STORE_WAIT);
            if (v != null && (largest == null || v.length > largest.length)) {
                largest = v;
            }
        }
        if (largest == null) {
            throw new IllegalStateException("the scorer's store holds no state for the first keys");
        }
        return largest;
    }

    private StreamsApp.Drain baselineRun(PerfModel m, Guarantee g, String tag, int valueBytes) throws InterruptedException {
        ProgressCounter counter = new ProgressCounter(produced);
        SeqscoreConfig config = scorerConfig(m, g);
        Topology topology = BaselineTopology.build(eventsTopic(m), scoresTopic(m), config.serdeProperties(), valueBytes,
                m.isCategorical() ? 0 : m.spec().outputDim(), m.spec().outputSize(),
                config.scoringSettings().nextSymbols(), m.name(), counter);
        try (StreamsApp app = StreamsApp.create(cluster, appId(m, g, tag + "-baseline"), topology,
                baselineProperties(config)).start()) {
            return app.drain(counter, options.timeout());
        }
    }

    /**
     * The scorer's Kafka Streams properties with the record cache set so that each of the baseline's stream threads
     * gets what each of the scorer's gets: the scorer's global store takes a share of the cache, the baseline has
     * none ({@link RecordCacheSize}).
     */
    static Properties baselineProperties(SeqscoreConfig config) {
        Properties p = config.streamsProperties();
        p.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG,
                Long.toString(RecordCacheSize.perStreamThread(p) * RecordCacheSize.streamThreads(p)));
        return p;
    }

    private StreamsApp scorerApp(PerfModel m, Guarantee g, String appId, ProgressCounter counter) {
        SeqscoreConfig config = scorerConfig(m, g);
        Topology topology = ScorerTopology.buildTopology(config, new ModelRegistry(), counter,
                ReleaseVerifier.ACCEPT_UNSIGNED);
        return StreamsApp.create(cluster, appId, topology, config.streamsProperties());
    }

    private PerfReport.Live live(PerfModel m, Guarantee g) throws InterruptedException {
        progress.accept(String.format(Locale.ROOT, "%s, %s: latency at %,.0f events/s for %s s, then %d model swaps",
                m.describe(), g.label(), options.latencyRate(), trim(options.latencySeconds()), options.swapReleases()));
        ProgressCounter counter = new ProgressCounter(produced);
        try (StreamsApp app = scorerApp(m, g, appId(m, g, "live"), counter).start()) {
            app.drain(counter, options.timeout());
            long firstVersion = nextVersion.getOrDefault(m.name(), 1L);
            nextVersion.put(m.name(), firstVersion + options.swapReleases());
            LivePhase phase = new LivePhase(cluster, producer, scoresTopic(m), options.partitions(), modelsTopic(m), m,
                    options.seed());
            LivePhase.Result r = phase.run(produced, options.latencyRate(), options.latencySeconds(),
                    options.swapReleases(), options.swapInterval(), firstVersion);
            produced += r.sent();
            return new PerfReport.Live(r, heapAfterGc());
        }
    }

    private RestoreBench.Result restore(PerfModel m, Guarantee g, byte[] stateValue) throws InterruptedException {
        progress.accept(String.format(Locale.ROOT, "restore: %,d keys of %d bytes from the changelog", options.restoreKeys(),
                stateValue.length));
        String appId = appId(m, g, "restore");
        return new RestoreBench(cluster).run(appId, scorerConfig(m, g).streamsProperties(),
                events -> ScorerTopology.buildTopology(scorerConfig(m, g, events), new ModelRegistry(),
                        new ProgressCounter(1), ReleaseVerifier.ACCEPT_UNSIGNED),
                prefix + "-restore-events", options.partitions(), options.restoreKeys(), stateValue,
                options.timeout());
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private SeqscoreConfig scorerConfig(PerfModel m, Guarantee g) {
        return scorerConfig(m, g, eventsTopic(m));
    }

    private SeqscoreConfig scorerConfig(PerfModel m, Guarantee g, String events) {
        Map<String, Object> p = new HashMap<>(options.settings());
        p.putAll(cluster.clientProperties());
        p.put(StreamsConfig.APPLICATION_ID_CONFIG, prefix);
        p.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, g.streamsValue());
        p.putIfAbsent(StreamsConfig.NUM_STREAM_THREADS_CONFIG, Integer.toString(options.threads()));
        p.put(SeqscoreConfig.EVENTS_TOPIC_CONFIG, events);
        p.put(SeqscoreConfig.SCORES_TOPIC_CONFIG, scoresTopic(m));
        p.put(SeqscoreConfig.ANOMALIES_TOPIC_CONFIG, anomaliesTopic());
        p.put(SeqscoreConfig.DLQ_TOPIC_CONFIG, dlqTopic());
        p.put(SeqscoreConfig.SHADOW_SCORES_TOPIC_CONFIG, shadowScoresTopic());
        p.put(SeqscoreConfig.MODELS_TOPIC_CONFIG, modelsTopic(m));
        p.put(SeqscoreConfig.MODEL_NAME_CONFIG, m.name());
        if (m.isCategorical()) {
            p.put(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, NextSymbolDetector.NAME);
        } else {
            // the path docs/perf.md measures (and its state budget): the calibrated detector and the 32-event ring;
            // the default range detector keeps a 321-event ring per key for its seasonal look-back
            p.putIfAbsent(SeqscoreConfig.ANOMALY_DETECTOR_CONFIG, "calibrated");
        }
        return new SeqscoreConfig(p);
    }

    /**
     * Bytes of the re-warm buffer when full: its length × (4 per value, and from state format 2 on 8 for the
     * event's time).
     */
    private int ringBytes(PerfModel m) {
        int perEvent = 4 * options.dimension() + (KeyStateCodec.FORMAT_VERSION >= 2 ? Long.BYTES : 0);
        return scorerConfig(m, options.guarantees().get(0)).scoringSettings().rewarmCapacity() * perEvent;
    }

    private String appId(PerfModel m, Guarantee g, String tag) {
        return prefix + "-" + m.name() + "-" + g.tag() + "-" + tag + "-" + (++runs);
    }

    private String eventsTopic() {
        return prefix + "-events";
    }

    /** The numeric models' events, or the categorical backlog. */
    private String eventsTopic(PerfModel m) {
        return m.isCategorical() ? prefix + "-events-symbols" : eventsTopic();
    }

    private String anomaliesTopic() {
        return prefix + "-anomalies";
    }

    private String dlqTopic() {
        return prefix + "-events-dlq";
    }

    private String shadowScoresTopic() {
        return prefix + "-shadow-scores";
    }

    private String scoresTopic(PerfModel m) {
        return prefix + "-scores-" + m.name();
    }

    private String modelsTopic(PerfModel m) {
        return prefix + "-models-" + m.name();
    }

    static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    /** Stops everything started, newest first; the embedded broker's data and the run's topics go with it. */
    @Override
    public synchronized void close() {
        RuntimeException failure = null;
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                if (failure == null) {
                    failure = new IllegalStateException("while stopping: " + e.getMessage(), e);
                }
            }
        }
        resources.clear();
        if (failure != null) {
            throw failure;
        }
    }
}
