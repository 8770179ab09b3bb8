package io.seqscore.model.core.train;

final class Optimizers {
    private Optimizers() {
    }

    static void checkLengths(int expected, float[] params, float[] grads) {
        if (params.length != expected || grads.length != expected) {
            throw new IllegalArgumentException("optimizer built for " + expected + " parameters got params of "
                    + params.length + " and grads of " + grads.length);
        }
    }
}
