package io.seqscore.model.core.train;

import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What training is for, with fixed seeds: a forecast that beats the naive one on held-out data, and a
 * long-range dependency that the LSTM learns and the plain tanh RNN does not.
 */
class LearningTest {
    private static final long SEED = 20240611L;

    @Test
    void lstmForecastOfANoisySeasonalSeriesBeatsTheLastValueByAWideMargin() {
        // s_t = sin(2πt/16) + N(0, 0.2²): last-value MSE ≈ 2·0.04 + (1 − cos(2π/16)) ≈ 0.156, best possible ≈ 0.04
        float[] series = seasonal(4000, new SplittableRandom(SEED));
        int train = 3000;
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 1, 16, 1);
        float[] params = WeightInit.initialize(spec, SEED);
        Batch batch = Batch.of(spec, Loss.MSE, 16, 48).burnIn(16);
        SplittableRandom windows = new SplittableRandom(SEED + 1);
        try (TrainingStep step = new TrainingStep(spec, Loss.MSE, Adam.adam(spec.paramCount(), 0.01), 1.0,
                Sharding.serial(), null)) {
            for (int it = 0; it < 400; it++) {
                for (int b = 0; b < batch.size(); b++) {
                    batch.setForecastWindow(b, series, windows.nextInt(train - batch.steps()));
                }
                step.step(params, batch);
            }
        }

        Batch test = Batch.of(spec, Loss.MSE, (series.length - train - 49) / 32, 48).burnIn(16);
        for (int b = 0; b < test.size(); b++) {
            test.setForecastWindow(b, series, train + 32 * b);
        }
        Bptt bptt = new Bptt(spec, Loss.MSE, test.size(), test.steps());
        double model = bptt.forward(params, test, 0, test.size()) / test.lossCount();
        double lastValue = lastValueMse(test);
        assertThat(lastValue).isBetween(0.12, 0.2);
        assertThat(model).isLessThan(0.5 * lastValue);
    }

    @Test
    void lstmLearnsTheAddingProblemOf50StepsAndThePlainTanhRnnDoesNot() {
        double baseline = 1.0 / 6;
        double lstm = addingProblemMse(CellType.LSTM);
        double rnn = addingProblemMse(CellType.RNN_TANH);
        assertThat(lstm).isLessThan(0.1 * baseline);
        assertThat(rnn).isGreaterThan(0.6 * baseline);
    }

    /** Test MSE after 800 Adam steps on batches of 32 sequences of 50 steps (the same budget and seeds for both cells). */
    private static double addingProblemMse(CellType cell) {
        int steps = 50;
        NetworkSpec spec = NetworkSpec.uniform(cell, 2, 16, 1, 1, 1);
        float[] params = WeightInit.initialize(spec, SEED);
        Batch batch = Batch.of(spec, Loss.MSE, 32, steps);
        SplittableRandom data = new SplittableRandom(SEED + 2);
        try (TrainingStep step = new TrainingStep(spec, Loss.MSE, Adam.adam(spec.paramCount(), 0.01), 1.0,
                new Sharding(2, 2), null)) {
            for (int it = 0; it < 800; it++) {
                addingProblem(batch, data);
                step.step(params, batch);
            }
            Batch test = Batch.of(spec, Loss.MSE, 512, steps);
            addingProblem(test, new SplittableRandom(SEED + 3));
            return step.loss(params, test);
        }
    }

    /**
     * The adding problem (Hochreiter and Schmidhuber 1997): inputs (v_t ~ U[0,1], marker), one marker in
     * each half of the sequence, target at the last step the sum of the two marked values (the only
     * step with loss). Predicting 1 always gives MSE Var(v1+v2) = 1/6.
     */
    static void addingProblem(Batch batch, SplittableRandom random) {
        int steps = batch.steps();
        float[] x = batch.inputs();
        for (int b = 0; b < batch.size(); b++) {
            int first = random.nextInt(steps / 2);
            int second = steps / 2 + random.nextInt(steps / 2);
            float sum = 0;
            for (int t = 0; t < steps; t++) {
                float v = (float) random.nextDouble();
                boolean marked = t == first || t == second;
                x[(b * steps + t) * 2] = v;
                x[(b * steps + t) * 2 + 1] = marked ? 1f : 0f;
                sum += marked ? v : 0f;
                batch.mask()[b * steps + t] = t == steps - 1 ? 1f : 0f;
                batch.targets()[b * steps + t] = t == steps - 1 ? sum : 0f;
            }
        }
    }

    static float[] seasonal(int length, SplittableRandom random) {
        float[] s = new float[length];
        for (int t = 0; t < length; t++) {
            s[t] = (float) (Math.sin(2 * Math.PI * t / 16) + 0.2 * WeightInit.gaussian(random));
        }
        return s;
    }

    /** MSE of predicting y[t] = x[t] over the steps of the batch that carry loss. */
    private static double lastValueMse(Batch batch) {
        double sum = 0;
        double count = 0;
        for (int b = 0; b < batch.size(); b++) {
            for (int t = batch.burnIn(); t < batch.steps(); t++) {
                int i = b * batch.steps() + t;
                double e = batch.targets()[i] - batch.inputs()[i];
                sum += batch.mask()[i] * e * e;
                count += batch.mask()[i];
            }
        }
        return sum / count;
    }
}
