package io.seqscore.input;

import java.util.Objects;

/**
 * A record that decoded (its bytes are JSON or Avro) but does not map to an event; the message names the
 * field and what is wrong with it. Built without a stack trace: it is a verdict on a record, not a fault.
 */
public final class InputMappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final MappingProblem problem;

    public InputMappingException(MappingProblem problem, String message) {
        super(message, null, false, false);
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    public MappingProblem problem() {
        return problem;
    }
}
