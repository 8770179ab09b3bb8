package io.seqscore.app.evaluate.nab;

import io.seqscore.avro.ModelRelease;
import io.seqscore.schemas.ReleaseSignatures;
import io.seqscore.trainer.TrainerException;
import io.seqscore.trainer.release.ReleaseBuilder;
import io.seqscore.trainer.release.ReleaseOptions;
import io.seqscore.trainer.release.Rollout;
import io.seqscore.trainer.release.TrainerVersion;
import io.seqscore.trainer.train.JobSettings;
import io.seqscore.trainer.train.TrainingJob;
import io.seqscore.trainer.train.TrainConfig;
import io.seqscore.trainer.train.TrainingProgress;

import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One signed SEASONAL_CHANGES release per file, trained with the recipe on the file's probationary rows only.
 * Release name = the file's key, version 1, rollout FULL from an activation time 1 ms before the file's
 * earliest timestamp (so the model serves from row 0). Files train in parallel on {@code threads} threads;
 * each training is single-threaded and seeded, so the releases do not depend on the thread count.
 */
final class NabTraining {
    private final JobSettings recipe;
    private final PrivateKey signingKey;
    private final String keyId;
    private final long createdAt;

    NabTraining(JobSettings recipe, PrivateKey signingKey, String keyId, long createdAt) {
        this.recipe = recipe;
        this.signingKey = signingKey;
        this.keyId = keyId;
        this.createdAt = createdAt;
    }

    /** The releases of {@code files}, in their order. */
    List<ModelRelease> train(List<NabSeries> files, int threads) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "seqscore-nab-train");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<ModelRelease>> futures = new ArrayList<>();
            for (NabSeries s : files) {
                futures.add(pool.submit(() -> release(s)));
            }
            List<ModelRelease> out = new ArrayList<>();
            for (Future<ModelRelease> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(cause);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    ModelRelease release(NabSeries s) {
        TrainingJob.Result r;
        try {
            r = TrainingJob.run(List.of(s.probationRows()), recipe, TrainingProgress.NONE);
        } catch (TrainerException e) {
            throw new TrainerException(s.key() + " (" + s.rows() + " rows, " + s.probation() + " probationary): "
                    + e.getMessage(), e);
        }
        ReleaseOptions options = new ReleaseOptions(s.key(), 1, createdAt,
                new Rollout(null, false, s.earliest() - 1), "nab:" + s.key(), recipe.train().seed(),
                TrainerVersion.get(), hyperParameters(s));
        ModelRelease unsigned = ReleaseBuilder.build(r.model(), r.data(), options, r.features());
        return ReleaseSignatures.sign(unsigned, signingKey, keyId);
    }

    private SortedMap<String, String> hyperParameters(NabSeries s) {
        TrainConfig t = recipe.train();
        SortedMap<String, String> p = new TreeMap<>();
        p.put("recipe", "nab");
        p.put("features", "seasonal-changes");
        p.put("probation-rows", Integer.toString(s.probation()));
        p.put("cell", t.cell().name().toLowerCase(Locale.ROOT));
        p.put("hidden", Integer.toString(t.hidden()));
        p.put("horizon", Integer.toString(t.horizon()));
        p.put("window", Integer.toString(t.window().length()));
        p.put("burn-in", Integer.toString(t.window().burnIn()));
        p.put("stride", Integer.toString(t.window().stride()));
        p.put("batch", Integer.toString(t.batchSize()));
        p.put("epochs", Integer.toString(t.epochs()));
        p.put("learning-rate", Double.toString(t.learningRate()));
        p.put("lr-schedule", t.schedule().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        p.put("lr-min", Double.toString(t.minLearningRate()));
        p.put("clip-norm", Double.toString(t.clipNorm()));
        p.put("seed", Long.toString(t.seed()));
        p.put("shuffle-seed", Long.toString(recipe.train().shuffleSeed()));
        if (recipe.ensemble() > 1) {
            p.put("ensemble", Integer.toString(recipe.ensemble()));
        }
        return p;
    }
}
