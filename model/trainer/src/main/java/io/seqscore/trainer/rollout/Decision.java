package io.seqscore.trainer.rollout;

/**
 * What the rule says about a candidate now, and why (one line, for the log and the release's reader).
 */
public record Decision(Action action, String reason) {
    public enum Action {
        /** Not enough evidence yet, and the wait is not over. */
        WAIT,
        /** Serve the candidate to every key. */
        PROMOTE,
        /** End the candidate: the serving version serves every key. */
        ROLL_BACK
    }

    public boolean decided() {
        return action != Action.WAIT;
    }
}
