package io.seqscore.model.core.train;

import io.seqscore.model.core.NetworkSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One optimisation step on a minibatch: forward and backward of every shard of the batch, the shard
 * gradients summed in shard order, clipping by global norm (optional), then the optimizer's update.
 *
 * <pre>
 *   L = Σ_shards lossSum / batch.lossCount()     g = Σ_shards g_shard (in shard order)
 *   g ← clip(g)                                  params ← optimizer(params, g)
 * </pre>
 * Deterministic: the same params, batches and hyper-parameters give bit-identical params on every run
 * and for every thread count (see {@link Sharding}). Workspaces grow to the largest batch seen and are
 * then reused. Not thread-safe; {@link #close()} stops the worker threads.
 */
public final class TrainingStep implements AutoCloseable {
    private final NetworkSpec spec;
    private final Loss loss;
    private final Optimizer optimizer;
    private final double clipNorm;
    private final LearningRateSchedule schedule;
    private final Bptt[] workers;
    private final double[] shardLoss;
    private final float[] grads;
    private final ExecutorService pool;
    private final List<Callable<Void>> tasks = new ArrayList<>();

    private float[] params;
    private Batch batch;
    private double count;
    private boolean withGradient;
    private double lastNorm;

    /**
     * @param clipNorm the global-norm clip, or {@link Double#POSITIVE_INFINITY} for none
     * @param schedule the learning rate of each step, or null to leave the optimizer's as it is
     */
    public TrainingStep(NetworkSpec spec, Loss loss, Optimizer optimizer, double clipNorm, Sharding sharding,
                        LearningRateSchedule schedule) {
        if (!(clipNorm > 0)) {
            throw new IllegalArgumentException("clip norm must be > 0 (infinity for none), got " + clipNorm);
        }
        loss.targetSize(spec);
        this.spec = spec;
        this.loss = loss;
        this.optimizer = optimizer;
        this.clipNorm = clipNorm;
        this.schedule = schedule;
        this.workers = new Bptt[sharding.shards()];
        this.shardLoss = new double[sharding.shards()];
        this.grads = new float[spec.paramCount()];
        this.pool = sharding.threads() > 1 ? Executors.newFixedThreadPool(sharding.threads(), r -> {
            Thread t = new Thread(r, "seqscore-train");
            t.setDaemon(true);
            return t;
        }) : null;
        for (int s = 0; s < sharding.shards(); s++) {
            int shard = s;
            tasks.add(() -> {
                runShard(shard);
                return null;
            });
        }
    }

    /** Serial, unclipped, constant learning rate. */
    public TrainingStep(NetworkSpec spec, Loss loss, Optimizer optimizer) {
        this(spec, loss, optimizer, Double.POSITIVE_INFINITY, Sharding.serial(), null);
    }

    /** Takes one optimizer step on {@code params} from {@code source}; returns the batch loss before the step. */
    public double step(float[] params, Batch source) {
        double lossValue = gradient(params, source);
        lastNorm = clipNorm == Double.POSITIVE_INFINITY
                ? GradientClipping.globalNorm(grads)
                : GradientClipping.clipByGlobalNorm(grads, clipNorm);
        if (schedule != null) {
            optimizer.learningRate(schedule.rate(optimizer.stepCount() + 1));
        }
        optimizer.step(params, grads);
        return lossValue;
    }

    /**
     * Computes the batch loss and its gradient at {@code params} into {@link #gradients()} without
     * updating anything; returns the loss.
     */
    public double gradient(float[] params, Batch source) {
        double lossValue = run(params, source, true);
        int used = usedShards(source.size());
        if (used == 1) {
            System.arraycopy(workers[0].grads(), 0, grads, 0, grads.length);
        } else {
            Arrays.fill(grads, 0f);
            for (int s = 0; s < used; s++) {
                Kernels.add(grads, 0, workers[s].grads(), 0, grads.length);
            }
        }
        return lossValue;
    }

    /** The batch loss at {@code params}, without a gradient (the forward of every shard). */
    public double loss(float[] params, Batch source) {
        return run(params, source, false);
    }

    private double run(float[] params, Batch source, boolean gradient) {
        if (params.length != spec.paramCount()) {
            throw new IllegalArgumentException("expected " + spec.paramCount() + " parameters, got " + params.length);
        }
        double total = source.lossCount();
        if (!(total > 0)) {
            throw new IllegalArgumentException("the batch has no weighted target after the burn-in");
        }
        ensureCapacity(source);
        this.params = params;
        this.batch = source;
        this.count = total;
        this.withGradient = gradient;
        try {
            runShards();
        } finally {
            this.params = null;
            this.batch = null;
        }
        double sum = 0;
        for (int s = 0, used = usedShards(source.size()); s < used; s++) {
            sum += shardLoss[s];
        }
        return sum / total;
    }

    /**
     * Writes the state that row {@code row} of the last batch reached after its last step (layout of
     * {@link NetworkSpec}): the initial state of the row's next window when training carries state.
     */
    public void finalState(Batch source, int row, float[] state, int off) {
        int used = usedShards(source.size());
        for (int s = used - 1; s >= 0; s--) {
            int from = shardStart(s, used, source.size());
            if (row >= from) {
                workers[s].finalState(row - from, state, off);
                return;
            }
        }
        throw new IndexOutOfBoundsException("row " + row);
    }

    /** The summed (and, after {@link #step}, clipped) gradient of the last step; backing array. */
    public float[] gradients() {
        return grads;
    }

    /** Global norm of the last step's gradient before clipping. */
    public double lastGradientNorm() {
        return lastNorm;
    }

    public Optimizer optimizer() {
        return optimizer;
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private void runShard(int s) {
        int used = usedShards(batch.size());
        if (s >= used) {
            return;
        }
        int from = shardStart(s, used, batch.size());
        Bptt worker = workers[s];
        shardLoss[s] = worker.forward(params, batch, from, shardStart(s + 1, used, batch.size()) - from);
        if (withGradient) {
            worker.zeroGrad();
            worker.backward(params, count);
        }
    }

    private void runShards() {
        if (pool == null) {
            for (int s = 0; s < workers.length; s++) {
                runShard(s);
            }
            return;
        }
        try {
            for (Future<Void> f : pool.invokeAll(tasks)) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during a training step", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    private int usedShards(int rows) {
        return Math.min(workers.length, rows);
    }

    private static int shardStart(int s, int shards, int rows) {
        return (int) ((long) s * rows / shards);
    }

    private void ensureCapacity(Batch source) {
        int used = usedShards(source.size());
        int rows = (source.size() + used - 1) / used;
        for (int s = 0; s < used; s++) {
            Bptt w = workers[s];
            if (w == null || w.maxBatch() < rows || w.maxSteps() < source.steps()) {
                int maxBatch = w == null ? rows : Math.max(rows, w.maxBatch());
                int maxSteps = w == null ? source.steps() : Math.max(source.steps(), w.maxSteps());
                workers[s] = new Bptt(spec, loss, maxBatch, maxSteps);
            }
        }
    }
}
