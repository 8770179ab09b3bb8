package io.seqscore.model.core.train;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** The registry of head losses by name ({@link Loss#kindName()}); a new kind is one class and one {@link #register}. */
public final class Losses {
    private static final Map<String, Loss> LOSSES = new ConcurrentHashMap<>();

    static {
        for (RegressionLoss loss : RegressionLoss.values()) {
            register(loss);
        }
        register(SoftmaxCrossEntropyLoss.INSTANCE);
    }

    private Losses() {
    }

    public static void register(Loss loss) {
        LOSSES.put(loss.kindName(), loss);
    }

    public static Set<String> names() {
        return new TreeSet<>(LOSSES.keySet());
    }

    /** @throws IllegalArgumentException for an unknown name */
    public static Loss of(String name) {
        Loss loss = LOSSES.get(name);
        if (loss == null) {
            throw new IllegalArgumentException("unknown loss '" + name + "' (known: " + names() + ")");
        }
        return loss;
    }
}
