package io.seqscore.app.scoring;

import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.model.ServingModel;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.testing.Releases;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.Network;
import io.seqscore.model.core.NetworkSpec;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureParameters;
import io.seqscore.model.core.features.SeasonalChanges;
import io.seqscore.model.core.math.KernelPath;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntToDoubleFunction;

/**
 * One key scored by a {@link KeyScorer} on a repeating series (10 + 3 sin(0.1 t), one event a minute), for
 * measuring what warm steps allocate.
 */
final class WarmSteps {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static final int EVENTS = 512;

    private final KeyScorer scorer;
    private final KeyState state = new KeyState();
    private final ServingModel model;
    private final ForecastSelection selection;
    private final List<List<Double>> values = new ArrayList<>();
    private long time;
    private float[] served;

    WarmSteps(ScoringSettings settings, ServingModel model) {
        this(settings, model, null, EVENTS, i -> 10 + 3 * Math.sin(i * 0.1));
    }

    /**
     * @param selection when not null, each event is also counted into the key's season selection and the forecast a
     *                  Score would carry is made ({@link ForecastSelection#served})
     * @param cycle     events after which the series repeats
     */
    WarmSteps(ScoringSettings settings, ServingModel model, ForecastSelection selection, int cycle,
              IntToDoubleFunction series) {
        this.scorer = new KeyScorer(settings);
        this.model = model;
        this.selection = selection;
        state.ringCapacity(Math.max(settings.ringCapacity(model, null),
                selection == null ? 0 : selection.historyEvents(model)));
        state.inputSize(1);
        scorer.rewarm(state, model, "k");
        for (int i = 0; i < cycle; i++) {
            values.add(List.of(series.applyAsDouble(i)));
        }
    }

    /** The forecast the last event's Score would carry (with a selection). */
    float[] served() {
        return served;
    }

    /**
     * A seasonal model of random weights (LSTM of 16 units, a season of an hour of minute events) whose network runs
     * on the scalar kernels: whether the vector kernels' vectors are scalar-replaced depends on what else the JIT
     * has seen in this JVM, which model/core's own ZeroAllocationTest covers.
     *
     * @param featureKind the registered feature kind (SEASONAL_CHANGES, SEASONAL_OFFSETS)
     * @param horizon     steps the head forecasts
     * @param toleranceMs how far before one season ago the look-back may find an event
     * @param history     events the look-back keeps per key
     */
    static ServingModel scalarSeasonalModel(String featureKind, int horizon, long toleranceMs, int history)
            throws Exception {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, SeasonalChanges.INPUTS, 16, 1, horizon, 1);
        float[] params = Releases.randomParams(spec, 1, 0.3f);
        ServingModel decoded = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED).decode("m",
                Releases.seasonalRelease("m", 1, spec, params, 10f, 2f, Releases.gaussian(spec, 1.0, 0.99, 0),
                        Releases.seasonalChanges(3_600_000L, 60_000L, toleranceMs, history, 5f)));
        FeatureParameters p = decoded.features().parameters();
        return new ServingModel("m", 1, 1, 0, Network.of(spec, params, KernelPath.SCALAR),
                FeatureKinds.create(new FeatureParameters(featureKind, p.periodMillis(), p.spacingMillis(),
                        p.toleranceMillis(), decoded.historySize(), p.clip())),
                decoded.normalization(), decoded.calibration(), decoded.rollout(), null);
    }

    KeyState state() {
        return state;
    }

    /** Runs 40,000 events to warm up, then returns the fewest bytes 10,000 more allocated over up to five tries. */
    long bytesAllocatedWhenWarm() {
        run(40_000);
        long allocated = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5 && allocated > 0; attempt++) {
            long id = Thread.currentThread().getId();
            long before = THREADS.getThreadAllocatedBytes(id);
            run(10_000);
            allocated = Math.min(allocated, THREADS.getThreadAllocatedBytes(id) - before);
        }
        return allocated;
    }

    private void run(int events) {
        for (int i = 0; i < events; i++) {
            time += 60_000L;
            scorer.setInput(values.get((int) (time / 60_000L % values.size())));
            state.pushInput(time, scorer.input());
            scorer.fold(state, model, "k");
            if (selection != null) {
                selection.update(state, model);
                served = selection.served(state, model);
            }
        }
    }
}
