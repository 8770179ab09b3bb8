package io.seqscore.app.scoring;

import io.seqscore.app.config.SeqscoreConfig;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.input.DoubleList;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.sessions.EmpiricalThreshold;
import io.seqscore.trainer.sessions.Session;
import io.seqscore.trainer.sessions.SessionRelease;
import io.seqscore.trainer.sessions.SessionTrainConfig;
import io.seqscore.trainer.sessions.SessionTraining;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-event work of a shadow of symbols beside a serving model of symbols with another vocabulary, as
 * {@link ScoringProcessor} and {@link ShadowScorer} do it (each its own {@link KeyScorer}): the serving row and
 * step, then the shadow's row in its own vocabulary and its step against the key's main state, both judged.
 * Once warm it allocates nothing. The networks run on the scalar kernels (see {@link WarmSteps}).
 */
class SymbolShadowAllocationTest {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final List<String> STEPS = List.of("login", "search", "view", "cart", "pay", "logout", "help",
            "refund");

    private final ScoringSettings settings = new SeqscoreConfig(java.util.Map.of()).scoringSettings();
    private final KeyScorer serving = new KeyScorer(settings);
    private final KeyScorer shadowing = new KeyScorer(settings);
    private final KeyState main = new KeyState();
    private final KeyState shadowState = new KeyState();
    private final DoubleList mainRow = new DoubleList();
    private final DoubleList shadowRow = new DoubleList();
    private final List<Double> noValues = List.of();
    private long time;
    private long flags;

    @Test
    void aWarmShadowStepOfASymbolModelWithAnotherVocabularyAllocatesNothing() throws Exception {
        ServingModel v1 = model(STEPS.subList(0, 6), 1);
        ServingModel v2 = model(STEPS.subList(0, 7), 2);
        assertThat(v1.vocabulary()).isNotEqualTo(v2.vocabulary());
        serveThenShadow(v1, v2);
        assertThat(shadowState.stepsSeen()).isEqualTo(main.ringCount());

        long allocated = allocatedByWarmEvents(v1, v2);
        assertThat(allocated).as("bytes allocated by 10,000 warm events served and shadowed").isZero();
        assertThat(shadowState.stepsSeen()).isGreaterThan(50_000L);
        assertThat(flags).as("the steps neither model was trained on are flagged").isPositive();
    }

    @Test
    void aWarmStepOfAThreeModelEnsembleServedAndShadowedAllocatesNothing() throws Exception {
        ServingModel v1 = trained(List.of(STEPS.subList(0, 6), STEPS.subList(0, 5)), 1, 3);
        ServingModel v2 = trained(List.of(STEPS.subList(0, 7), STEPS.subList(0, 6)), 2, 3);
        assertThat(v1.mixtureMembers()).isEqualTo(3);
        assertThat(v1.network().blockCount()).as("stepped member by member").isEqualTo(3);
        serveThenShadow(v1, v2);

        long allocated = allocatedByWarmEvents(v1, v2);
        assertThat(allocated).as("bytes allocated by 10,000 warm events served and shadowed by ensembles").isZero();
        assertThat(flags).isPositive();
    }

    /** v1 serves the key's first 50 events; then v2's shadow state is re-warmed from them, re-indexed. */
    private void serveThenShadow(ServingModel v1, ServingModel v2) {
        ModelRegistry registry = new ModelRegistry();
        registry.offer(v1, 0L);
        main.ringCapacity(settings.ringCapacity(v1, v2));
        main.inputSize(1);
        serving.rewarm(main, v1, "k");
        for (int i = 0; i < 50; i++) {
            serve(v1);
        }
        shadowState.inputSize(1);
        shadowState.copyNormalizerFrom(main);
        shadowing.rewarm(shadowState, new RingSymbols(registry).replayFor(main, v2), v2, "k");
    }

    /** The fewest bytes the thread allocated over 10,000 events served and shadowed, in up to 5 attempts after 40,000. */
    private long allocatedByWarmEvents(ServingModel v1, ServingModel v2) {
        run(v1, v2, 40_000);
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && allocated > 0; attempt++) {
            long id = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(id);
            run(v1, v2, 10_000);
            allocated = Math.min(allocated, THREADS.getThreadAllocatedBytes(id) - before);
        }
        return allocated;
    }

    private void serve(ServingModel v1) {
        time += 1_000L;
        String symbol = STEPS.get((int) (time / 1_000L % STEPS.size()));
        serving.setInput(noValues);
        serving.row(v1.features(), symbol, mainRow);
        main.pushInput(time, serving.input());
        double score = serving.fold(main, v1, "k");
        if (v1.features().unseen(symbol) || serving.flags(score, v1)) {
            flags++;
        }
    }

    private void run(ServingModel v1, ServingModel v2, int events) {
        for (int i = 0; i < events; i++) {
            serve(v1);
            String symbol = STEPS.get((int) (time / 1_000L % STEPS.size()));
            shadowing.setInput(noValues);
            shadowing.row(v2.features(), symbol, shadowRow);
            double score = shadowing.fold(shadowState, main, v2, "k");
            if (v2.features().unseen(symbol) || shadowing.flags(score, v2)) {
                flags++;
            }
        }
    }

    /** A next-symbol model trained briefly on sessions of these steps in order, its network on the scalar kernels. */
    static ServingModel model(List<String> steps, long version) throws Exception {
        return trained(List.of(steps, steps.subList(0, steps.size() - 1)), version);
    }

    /** A next-symbol model trained briefly on these distinct sessions (each 6 times), on the scalar kernels. */
    static ServingModel trained(List<List<String>> distinct, long version) throws Exception {
        return trained(distinct, version, 1);
    }

    /** As {@link #trained(List, long)}, an ensemble of {@code members} models released as one. */
    static ServingModel trained(List<List<String>> distinct, long version, int members) throws Exception {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < 6 * distinct.size(); i++) {
            sessions.add(new Session(i + 1, distinct.get(i % distinct.size())));
        }
        SessionTraining training = SessionTraining.run(sessions, new SessionTrainConfig(4, 8, 1, 2, 4, 0.02, 1.0, 7),
                new SessionTraining.Options(1, 0.25, 0.05, null, members, EmpiricalThreshold.INSTANCE), e -> { });
        ServingModel d = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED).decode("default",
                SessionRelease.build(training, 400, new ReleaseOptions("default", version, 0L,
                        new Rollout(null, false, null), "test", 7, "test", new TreeMap<>()), 0.05));
        return new ServingModel(d.name(), d.version(), d.version(), 0L,
                Network.of(d.spec(), d.network().copyParams(), KernelPath.SCALAR), d.features(), d.head(),
                d.normalization(), d.calibration(), d.rollout(), null);
    }
}
