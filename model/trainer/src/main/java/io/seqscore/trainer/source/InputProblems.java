package io.seqscore.trainer.source;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link BadInputPolicy} to bad inputs: throws on the first under FAIL; under SKIP counts
 * them and logs the first {@link #LOGGED} with their location, then only the count.
 */
public final class InputProblems {
    static final int LOGGED = 10;
    private static final Logger LOG = LoggerFactory.getLogger(InputProblems.class);

    private final BadInputPolicy policy;
    private long skipped;

    public InputProblems(BadInputPolicy policy) {
        this.policy = policy;
    }

    public BadInputPolicy policy() {
        return policy;
    }

    /** @throws InputFormatException under {@link BadInputPolicy#FAIL} */
    public void report(String location, String reason) {
        if (policy == BadInputPolicy.FAIL) {
            throw new InputFormatException(location, reason);
        }
        skipped++;
        if (skipped <= LOGGED) {
            LOG.warn("skipped {}: {}", location, reason);
        } else if (skipped == LOGGED + 1) {
            LOG.warn("more bad inputs skipped; only their count is reported from now on");
        }
    }

    public long skipped() {
        return skipped;
    }
}
