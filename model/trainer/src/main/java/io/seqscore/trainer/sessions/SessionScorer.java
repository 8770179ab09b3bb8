package io.seqscore.trainer.sessions;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.model.core.features.SymbolFeatures;

import java.util.List;

/**
 * Runs a next-symbol model over sessions from a fresh state each, with the scorer's classes (the SYMBOLS
 * feature kind and the next-symbol detector's rank), so a trace is what the scorer computes for a key
 * holding the session. Not thread-safe.
 */
public final class SessionScorer {
    private final SessionModel model;
    private final Network network;
    private final Workspace workspace;
    private final SymbolFeatures features;
    private final float[] x = new float[1];
    private final float[] event = new float[1];
    private final double[] observed = new double[1];
    private final float[] out;
    private final float[] forecast;
    private final float[] zNext;

    public SessionScorer(SessionModel model) {
        this.model = model;
        this.network = model.network();
        this.workspace = network.newWorkspace();
        this.features = new SymbolFeatures(model.vocabulary(), model.spec().embeddingDim());
        features.check(model.spec());
        int v = model.vocabulary().size();
        this.out = new float[v];
        this.forecast = new float[v];
        this.zNext = new float[v];
    }

    public SessionTrace trace(List<String> symbols) {
        int n = symbols.size();
        int v = model.vocabulary().size();
        int[] index = new int[n];
        int[] rank = new int[n];
        double[] score = new double[n];
        float[] state = network.newState();
        for (int t = 0; t < n; t++) {
            int y = model.vocabulary().index(symbols.get(t));
            index[t] = y;
            if (t == 0) {
                score[t] = Double.NaN;
            } else {
                rank[t] = NextSymbolDetector.rank(forecast, v, y);
                score[t] = 1.0 - forecast[y];
            }
            event[0] = y;
            observed[0] = y;
            features.inputs(event, null, null, null, null, x);
            network.step(state, x, out, workspace);
            features.forecasts(observed, null, null, null, null, out, v, forecast, zNext);
        }
        return new SessionTrace(index, rank, score);
    }
}
