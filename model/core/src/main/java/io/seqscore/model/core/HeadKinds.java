package io.seqscore.model.core;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registry of head kinds a scorer can serve: a kind's name (as a release names it in Architecture.head)
 * to the check of its parameters against the network. The regression head is built in; a new head is one
 * class and one {@link #register} call. Resolution happens once per release, never per event. Thread-safe.
 */
public final class HeadKinds {
    /** Checks a head's parameters against the network it heads; throws IllegalArgumentException if they do not fit. */
    @FunctionalInterface
    public interface Check {
        void check(HeadSpec head, NetworkSpec network);
    }

    private static final Map<String, Check> KINDS = new ConcurrentHashMap<>();

    static {
        register(HeadSpec.REGRESSION.kind(), (head, network) -> {
            if (!head.parameters().isEmpty()) {
                throw new IllegalArgumentException("the regression head takes no parameters, got " + head.parameters().keySet());
            }
        });
        register(SoftmaxHead.KIND, SoftmaxHead::check);
        register(SoftmaxValuesHead.KIND, SoftmaxValuesHead::check);
        register(SoftmaxMixtureHead.KIND, SoftmaxMixtureHead::check);
        register(QuantileHead.KIND, QuantileHead::check);
    }

    private HeadKinds() {
    }

    /** Registers (or replaces) a head kind with the check of its parameters. */
    public static void register(String kind, Check check) {
        KINDS.put(kind, check);
    }

    /** Whether a head kind of this name is registered. */
    public static boolean known(String kind) {
        return KINDS.containsKey(kind);
    }

    /** The registered kind names, sorted ("" is the regression head). */
    public static Set<String> names() {
        return new TreeSet<>(KINDS.keySet());
    }

    /**
     * The network as the feature transform sees it under {@code head}: the forecast's shape of a quantile head
     * ({@link QuantileHead#forecastSpec}) or of a mixture ({@link SoftmaxMixtureHead#forecastSpec}), else the network.
     */
    public static NetworkSpec forecastSpec(HeadSpec head, NetworkSpec network) {
        return SoftmaxMixtureHead.forecastSpec(head, QuantileHead.forecastSpec(head, network));
    }

    /**
     * Checks {@code head} against {@code network}.
     *
     * @throws IllegalArgumentException for an unknown kind or parameters that do not fit
     */
    public static void check(HeadSpec head, NetworkSpec network) {
        Check check = KINDS.get(head.kind());
        if (check == null) {
            throw new IllegalArgumentException("unknown head kind '" + head.kind() + "' (this scorer knows "
                    + names().stream().map(k -> k.isEmpty() ? "regression" : k).toList() + ")");
        }
        check.check(head, network);
    }
}
