package io.seqscore.model.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What the dense head's H·D outputs mean, as a release names it (ModelRelease's Architecture.head): a kind
 * registered in {@link HeadKinds} and its numeric parameters. The regression head ({@link #REGRESSION},
 * the empty name) forecasts value d at step s+1 with output s·D + d.
 *
 * @param kind       the registered head kind; "" for regression
 * @param parameters the kind's parameters by name, in the release's order (unmodifiable)
 */
public record HeadSpec(String kind, Map<String, Double> parameters) {
    /** The regression head of every release that names no head. */
    public static final HeadSpec REGRESSION = new HeadSpec("", Map.of());

    public HeadSpec {
        Objects.requireNonNull(kind, "kind");
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(parameters, "parameters")));
    }

    /** The parameter {@code name}, if given. */
    public OptionalDouble value(String name) {
        Double v = parameters.get(name);
        return v == null ? OptionalDouble.empty() : OptionalDouble.of(v);
    }

    /** The name a user reads: the kind, or "regression" for the empty kind. */
    public String displayName() {
        return kind.isEmpty() ? "regression" : kind;
    }
}
