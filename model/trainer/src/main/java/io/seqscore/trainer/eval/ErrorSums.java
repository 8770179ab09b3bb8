package io.seqscore.trainer.eval;

/** Σ|e|, Σe² and the count of one forecaster's errors at one horizon step. */
final class ErrorSums {
    private double abs;
    private double squares;
    private long count;

    void add(double error) {
        abs += Math.abs(error);
        squares += error * error;
        count++;
    }

    void addAll(ErrorSums other) {
        abs += other.abs;
        squares += other.squares;
        count += other.count;
    }

    long count() {
        return count;
    }

    double mae() {
        return abs / count;
    }

    double rmse() {
        return Math.sqrt(squares / count);
    }

    double mse() {
        return squares / count;
    }
}
