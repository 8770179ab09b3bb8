package io.seqscore.trainer.eval;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.Workspace;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Steps every range through the network event by event, as the scorer does: zero state at
 * {@code runFrom}, one {@link Network#step} per event, the forecast made after event q kept at
 * {@code [(q − runFrom)·H·D ...]}. Ranges are independent, so running them on several threads gives the
 * same numbers as one.
 */
public final class StreamingForecaster {
    private StreamingForecaster() {
    }

    /** The forecasts of each range, in the order of {@code ranges}; uses {@code pool} when not null. */
    public static List<float[]> forecast(Network network, List<EvalRange> ranges, ExecutorService pool) {
        if (pool == null) {
            List<float[]> out = new ArrayList<>(ranges.size());
            Workspace ws = network.newWorkspace();
            for (EvalRange r : ranges) {
                out.add(run(network, r, ws));
            }
            return out;
        }
        List<Future<float[]>> futures = new ArrayList<>(ranges.size());
        for (EvalRange r : ranges) {
            futures.add(pool.submit(() -> run(network, r, network.newWorkspace())));
        }
        List<float[]> out = new ArrayList<>(ranges.size());
        try {
            for (Future<float[]> f : futures) {
                out.add(f.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while evaluating", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
        return out;
    }

    static float[] run(Network network, EvalRange r, Workspace ws) {
        int n = network.inputSize();
        int outs = network.outputSize();
        float[] z = r.series().z();
        float[] state = network.newState();
        float[] x = new float[n];
        float[] y = new float[outs];
        float[] forecasts = new float[r.steps() * outs];
        for (int q = r.runFrom(); q < r.segmentEnd(); q++) {
            System.arraycopy(z, q * n, x, 0, n);
            network.step(state, x, y, ws);
            System.arraycopy(y, 0, forecasts, (q - r.runFrom()) * outs, outs);
        }
        return forecasts;
    }
}
