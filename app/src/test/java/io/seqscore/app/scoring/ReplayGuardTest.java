package io.seqscore.app.scoring;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseRejectedException;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.app.testing.ScorerDriver;
import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import io.seqscore.avro.ShadowScore;
import io.seqscore.input.EventInput;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The replay guard in the processor alone, with the crash it exists for staged by hand: a key's stored state ahead
 * of the committed offsets (the changelog written, the offsets not), then the uncommitted events again.
 */
class ReplayGuardTest {
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 8, 1);
    private static final int PARTITION = 2;

    private final ScoringCounters counters = new ScoringCounters();
    private final List<Event> events = new ArrayList<>();
    private final Deserializer<Event> byIndex = (topic, data) -> events.get(ByteBuffer.wrap(data).getInt());
    private final ModelRegistry registry = new ModelRegistry();
    private final KeyValueStore<String, byte[]> store = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("state"), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled().build();
    private final KeyValueStore<String, byte[]> shadowStore = Stores.keyValueStoreBuilder(
            Stores.inMemoryKeyValueStore("shadow-state"), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled()
            .build();
    private MockProcessorContext<Object, Object> context;
    private CommitEpochStore epochs;

    ReplayGuardTest() throws ReleaseRejectedException {
        ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
        registry.offer(decoder.decode("default", Releases.release("default", 1, SPEC, Releases.randomParams(SPEC, 1, 0.4f),
                Releases.none(), Releases.gaussian(SPEC, 1.0, 0.99, 0))), 0);
        for (int i = 0; i < 40; i++) {
            events.add(ScorerDriver.event(1_000_000L + 1_000L * i, Math.sin(i * 0.7) + (i == 25 ? 4 : 0)));
        }
    }

    /** A scorer task as it starts on a machine: the state store as the changelog left it, a new epoch. */
    private ScoringProcessor startTask() {
        context = new MockProcessorContext<>();
        context.setCurrentSystemTimeMs(5_000L);
        context.addStateStore(store);
        if (shadowStore.isOpen()) {
            context.addStateStore(shadowStore);
        }
        epochs = new CommitEpochStore("epoch");
        epochs.init(context.getStateStoreContext(), epochs);
        context.addStateStore(epochs);
        ScoringProcessor p = new ScoringProcessor(new SeqscoreConfig(Map.of()).scoringSettings(),
                new SeqscoreConfig(Map.of()).modelRouter(), registry, counters, EventInput.decoderOf(byIndex), "events",
                new ScorerNodes("state", "shadow-state", "scores", "anomalies", "shadow-scores", "dlq", "epoch"));
        p.init(context);
        return p;
    }

    private void process(ScoringProcessor p, int i) {
        context.setRecordMetadata("events", PARTITION, 100L + i);
        p.process(new Record<>("k".getBytes(StandardCharsets.UTF_8), ByteBuffer.allocate(4).putInt(i).array(), 7L));
    }

    /** The bytes of every Score forwarded since the last call, in order. */
    private List<String> scores() {
        List<String> out = new ArrayList<>();
        for (MockProcessorContext.CapturedForward<?, ?> f : context.forwarded("scores")) {
            out.add(f.record().value().toString());
        }
        context.resetForwards();
        return out;
    }

    @Test
    void shouldScoreReplayedEventsAgainBitForBitWhenTheStateIsAheadOfTheCommittedOffsets() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        ScoringProcessor reference = startTask();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            process(reference, i);
            expected.addAll(scores());
            if (i % 10 == 9) {
                epochs.commit(Map.of());
            }
        }
        assertThat(expected).hasSize(40);
        assertThat(counters.scoredCount(ScoreStatus.OK)).isPositive();

        store.delete("k");
        ScoringProcessor crashed = startTask();
        Map<Integer, byte[]> stored = new HashMap<>();
        for (int i = 0; i < 17; i++) {
            process(crashed, i);
            stored.put(i, store.get("k"));
            if (i == 9) {
                epochs.commit(Map.of());
            }
        }
        scores();
        // The crash: offsets committed up to event 9; the changelog holds the state after event 16.
        KeyState ahead = KeyStateCodec.decode(stored.get(16));
        assertThat(ahead.replayOffset()).isEqualTo(116L);
        assertThat(ahead.checkpointOffset()).as("the state at the first event after the commit").isEqualTo(109L);
        assertThat(ahead.checkpoint()).isEqualTo(new KeyStateCodec().encodeWithoutReplay(KeyStateCodec.decode(stored.get(9))));

        ScoringProcessor restarted = startTask();
        List<String> replayed = new ArrayList<>();
        for (int i = 10; i < 40; i++) {
            process(restarted, i);
            assertThat(context.forwarded("dlq")).isEmpty();
            replayed.addAll(scores());
            if (i % 10 == 9) {
                epochs.commit(Map.of());
            }
        }
        assertThat(replayed).as("events 10..39 scored again, the 7 replayed ones exactly as the first time")
                .containsExactlyElementsOf(expected.subList(10, 40));
        assertThat(counters.replaysRewoundCount()).as("only the first replayed event rewinds").isEqualTo(1);
        assertThat(counters.replaysAheadCount()).isZero();
    }

    @Test
    void shouldLeaveAnEventAtOrBeforeTheCheckpointToTheLatePolicy() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        ScoringProcessor p = startTask();
        for (int i = 0; i < 6; i++) {
            process(p, i);
            if (i == 2) {
                epochs.commit(Map.of());
            }
        }
        scores();
        ScoringProcessor restarted = startTask();
        process(restarted, 1);
        assertThat(context.forwarded("dlq")).singleElement().satisfies(f -> assertThat(
                new String(f.record().headers().lastHeader(DeadLetters.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("LATE"));
        assertThat(scores()).isEmpty();
        assertThat(counters.replaysAheadCount()).isEqualTo(1);
        assertThat(counters.replaysRewoundCount()).isZero();
    }

    @Test
    void shouldTakeOneCheckpointPerKeyAndEpochAndNoneWithoutTheGuard() {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        ScoringProcessor p = startTask();
        process(p, 0);
        KeyState first = KeyStateCodec.decode(store.get("k"));
        assertThat(first.tracksReplay()).isTrue();
        assertThat(first.checkpointOffset()).as("a new key: checkpoint = no state").isEqualTo(KeyState.NO_OFFSET);
        assertThat(KeyStateCodec.decode(first.checkpoint()).hasModel()).isFalse();
        process(p, 1);
        process(p, 2);
        KeyState sameEpoch = KeyStateCodec.decode(store.get("k"));
        assertThat(sameEpoch.checkpoint()).isEqualTo(first.checkpoint());
        assertThat(sameEpoch.replayEpoch()).isEqualTo(epochs.epoch());
        epochs.commit(Map.of());
        process(p, 3);
        KeyState next = KeyStateCodec.decode(store.get("k"));
        assertThat(next.checkpointOffset()).isEqualTo(102L);
        assertThat(next.replayEpoch()).isEqualTo(epochs.epoch()).isNotEqualTo(sameEpoch.replayEpoch());
        KeyState checkpoint = KeyStateCodec.decode(next.checkpoint());
        assertThat(checkpoint.stepsSeen()).isEqualTo(next.stepsSeen() - 1);
    }

    @Test
    void shouldGiveReplayedEventsShadowScoresFromARewarmedShadowState() throws ReleaseRejectedException {
        store.init(new MockProcessorContext<>().getStateStoreContext(), store);
        shadowStore.init(new MockProcessorContext<>().getStateStoreContext(), shadowStore);
        ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
        registry.offer(decoder.decode("default", Rollouts.shadow(Releases.release("default", 2, SPEC,
                Releases.randomParams(SPEC, 2, 0.4f), Releases.none(), Releases.gaussian(SPEC, 1.0, 0.99, 0)), null)), 0);
        ScoringProcessor p = startTask();
        for (int i = 0; i < 17; i++) {
            process(p, i);
            if (i == 9) {
                epochs.commit(Map.of());
            }
        }
        context.resetForwards();
        ScoringProcessor restarted = startTask();
        List<ScoreStatus> shadowStatuses = new ArrayList<>();
        for (int i = 10; i < 17; i++) {
            process(restarted, i);
            assertThat(context.forwarded("scores")).hasSize(1);
            for (MockProcessorContext.CapturedForward<?, ?> f : context.forwarded("shadow-scores")) {
                shadowStatuses.add(((ShadowScore) f.record().value()).getShadow().getStatus());
            }
            context.resetForwards();
        }
        assertThat(shadowStatuses).as("a shadow score for every replayed event, the first one re-warmed")
                .hasSize(7).startsWith(ScoreStatus.REWARMED).containsOnly(ScoreStatus.REWARMED, ScoreStatus.OK);
        assertThat(counters.replaysRewoundCount()).isEqualTo(1);
    }
}
