package io.seqscore.trainer.sessions;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.SoftmaxMixtureHead;
import io.seqscore.model.core.Workspace;
import io.seqscore.model.core.anomaly.NextSymbolDetector;
import io.seqscore.model.core.features.SymbolFeatures;

import java.util.List;

/**
 * Runs a next-symbol model over sessions from a fresh state each, with the scorer's classes (the SYMBOLS
 * feature kind and the next-symbol detector's rank), so a trace is what the scorer computes for a key
 * holding the session. An ensemble of members (one vocabulary) forecasts the mean of their distributions,
 * p(y) = (1/K) Σ_m p_m(y), computed as the scorer computes a release of the fused ensemble
 * ({@link SoftmaxMixtureHead#mean}). Not thread-safe.
 */
public final class SessionScorer {
    private final SessionModel first;
    private final Network[] networks;
    private final Workspace[] workspaces;
    private final SymbolFeatures features;
    private final float[] x = new float[1];
    private final float[] event = new float[1];
    private final float[] out;
    private final float[] member;
    private final float[] forecast;

    public SessionScorer(SessionModel model) {
        this(List.of(model));
    }

    /** @param members models over one vocabulary; their forecasts are averaged */
    public SessionScorer(List<SessionModel> members) {
        if (members.isEmpty()) {
            throw new IllegalArgumentException("no model to score with");
        }
        this.first = members.get(0);
        this.networks = new Network[members.size()];
        this.workspaces = new Workspace[members.size()];
        for (int m = 0; m < members.size(); m++) {
            SessionModel model = members.get(m);
            if (!model.vocabulary().symbols().equals(first.vocabulary().symbols())) {
                throw new IllegalArgumentException("member " + m + " has another vocabulary than member 0");
            }
            networks[m] = model.network();
            workspaces[m] = networks[m].newWorkspace();
        }
        this.features = new SymbolFeatures(first.vocabulary(), first.spec().embeddingDim());
        features.check(first.spec());
        int v = first.vocabulary().size();
        this.out = new float[networks.length * v];
        this.member = new float[v];
        this.forecast = new float[v];
    }

    public SessionTrace trace(List<String> symbols) {
        int n = symbols.size();
        int v = first.vocabulary().size();
        int k = networks.length;
        int[] index = new int[n];
        int[] rank = new int[n];
        double[] score = new double[n];
        float[][] states = new float[k][];
        for (int m = 0; m < k; m++) {
            states[m] = networks[m].newState();
        }
        for (int t = 0; t < n; t++) {
            int y = first.vocabulary().index(symbols.get(t));
            index[t] = y;
            if (t == 0) {
                score[t] = Double.NaN;
            } else {
                rank[t] = NextSymbolDetector.rank(forecast, v, y);
                score[t] = 1.0 - forecast[y];
            }
            event[0] = y;
            features.inputs(event, null, null, null, null, x);
            for (int m = 0; m < k; m++) {
                networks[m].step(states[m], x, member, workspaces[m]);
                System.arraycopy(member, 0, out, m * v, v);
            }
            SoftmaxMixtureHead.mean(out, k, v, forecast);
        }
        return new SessionTrace(index, rank, score);
    }
}
