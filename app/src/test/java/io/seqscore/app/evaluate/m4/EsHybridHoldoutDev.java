package io.seqscore.app.evaluate.m4;

import io.seqscore.model.core.Network;
import io.seqscore.model.core.features.EncodedSeries;
import io.seqscore.model.core.features.FeatureKinds;
import io.seqscore.model.core.features.FeatureTransform;
import io.seqscore.model.core.math.KernelPath;
import io.seqscore.trainer.data.SeriesStatistics;
import io.seqscore.trainer.source.RawSeries;
import io.seqscore.trainer.train.EpochSummary;
import io.seqscore.trainer.train.TrainingProgress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Development measure of ES_HYBRID on an M4 hold-out without the pipeline (until releases carry the kind's
 * parameters): trains as {@code evaluate m4 --features es-hybrid} does and forecasts each series' hold-out by
 * stepping the network over the transform's encoding, the computation FeatureTransformTest holds equal to the
 * scorer's. Arguments: FILE HOLDOUT SEED [EPOCHS [COMBINE [EVERY-NTH-SERIES]]].
 */
public final class EsHybridHoldoutDev {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int h = Integer.parseInt(args[1]);
        long seed = Long.parseLong(args[2]);
        int epochs = args.length > 3 ? Integer.parseInt(args[3]) : 20;
        float combine = args.length > 4 ? Float.parseFloat(args[4]) : 1f;
        int every = args.length > 5 ? Integer.parseInt(args[5]) : 1;
        List<M4Series> all = M4File.read(file);
        List<M4Series> fitted = new ArrayList<>();
        List<double[]> actual = new ArrayList<>();
        for (int i = 0; i < all.size(); i += every) {
            M4Series s = all.get(i);
            fitted.add(s.head(s.length() - h));
            actual.add(s.tail(s.length() - h));
        }
        long t0 = System.nanoTime();
        M4Model.Settings settings = new M4Model.Settings(h, 64, epochs, seed, 1, M4Model.Features.ES_HYBRID, combine);
        List<RawSeries> keys = M4Model.rawSeries(fitted);
        M4Model.EsHybridRun run = M4Model.fitEsHybrid(keys, settings, new TrainingProgress() {
            @Override
            public void batch(int epoch, int epochs, int done, int batches, double loss, long windows) {
            }

            @Override
            public void epoch(EpochSummary s) {
                System.out.printf(Locale.ROOT, "epoch %d loss %.4f%n", s.epoch(), s.trainLoss());
            }
        });
        System.out.println("smoothing " + run.smoothing().named() + " trained in "
                + (System.nanoTime() - t0) / 1_000_000_000 + " s");
        FeatureTransform f = FeatureKinds.create(run.smoothing());
        Network net = Network.of(run.result().model().spec(), run.result().model().params(), KernelPath.SCALAR);
        List<double[]> model = new ArrayList<>();
        List<double[]> esOnly = new ArrayList<>();
        List<double[]> half = new ArrayList<>();
        double[] lowerZ = run.result().model().calibration().intervalLower();
        double[] upperZ = run.result().model().calibration().intervalUpper();
        M4Interval served = new M4Interval();
        M4Interval naive = new M4Interval();
        int index = 0;
        for (RawSeries key : keys) {
            SeriesStatistics st = SeriesStatistics.fit(List.of(key));
            float[] v = new float[key.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) key.values()[i];
            }
            EncodedSeries e = f.encode(key.times(), v, 1, new float[] {st.mean()}, new float[] {st.std()}, h);
            float[] out = OfflineSteps.afterLastRow(net, e, h);
            int last = e.rows() - 1;
            double[] fc = new double[h];
            double[] es = new double[h];
            double[] hf = new double[h];
            for (int s = 0; s < h; s++) {
                fc[s] = (e.base(last, s, 0) + out[s]) * st.std() + st.mean();
                es[s] = e.base(last, s, 0) * st.std() + st.mean();
                hf[s] = (e.base(last, s, 0) + 0.5f * out[s]) * st.std() + st.mean();
            }
            model.add(fc);
            esOnly.add(es);
            half.add(hf);
            double[] lo = new double[h];
            double[] hi = new double[h];
            for (int s = 0; s < h; s++) {
                lo[s] = fc[s] + lowerZ[s] * st.std();
                hi[s] = fc[s] + upperZ[s] * st.std();
            }
            double[] in = fitted.get(index).values();
            double[] y = actual.get(index++);
            served.add(in, y, lo, hi, M4Model.SEASON);
            double[][] n = M4Interval.seasonalNaive(in, h, M4Model.SEASON);
            naive.add(in, y, n[0], n[1], M4Model.SEASON);
        }
        M4Report.of(fitted, actual, model, M4Model.SEASON).lines().forEach(System.out::println);
        M4Report es = M4Report.of(fitted, actual, esOnly, M4Model.SEASON);
        System.out.printf(Locale.ROOT, "smoothing alone  %8.3f %8.3f %8.3f%n", es.model().smape(), es.model().mase(),
                es.model().owa(es.naive2()));
        M4Report hr = M4Report.of(fitted, actual, half, M4Model.SEASON);
        System.out.printf(Locale.ROOT, "half correction  %8.3f %8.3f %8.3f%n", hr.model().smape(), hr.model().mase(),
                hr.model().owa(hr.naive2()));
        System.out.printf(Locale.ROOT, "95%% interval: the release's calibrated interval around the served"
                + " forecast: coverage %.3f, MSIS %.3f; seasonal naive +- 1.96 sd(seasonal differences) sqrt(k):"
                + " coverage %.3f, MSIS %.3f%n", served.coverage(), served.msis(), naive.coverage(), naive.msis());
        System.out.println("total " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
    }
}
