package io.seqscore.model.core.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The symbols a categorical model knows, each with its index: slot 0 is the unknown symbol (every symbol
 * not in the list, and those too rare in the training data), the known symbols are 1..V−1 in list order.
 * What the network reads and its softmax head predicts are these indices. Immutable; {@link #index} does a
 * hash lookup and allocates nothing.
 */
public final class Vocabulary {
    /** The index of every symbol the vocabulary does not hold. */
    public static final int UNKNOWN = 0;

    private final List<String> symbols;
    private final Map<String, Integer> indices;

    /** A vocabulary of these symbols (distinct, non-empty), at indices 1, 2, … in this order. */
    public Vocabulary(List<String> symbols) {
        Objects.requireNonNull(symbols, "symbols");
        Map<String, Integer> map = new HashMap<>();
        for (int i = 0; i < symbols.size(); i++) {
            String s = symbols.get(i);
            if (s == null || s.isEmpty()) {
                throw new IllegalArgumentException("vocabulary symbol " + (i + 1) + " is empty");
            }
            if (map.put(s, i + 1) != null) {
                throw new IllegalArgumentException("vocabulary symbol '" + s + "' appears twice");
            }
        }
        this.symbols = List.copyOf(symbols);
        this.indices = map;
    }

    /**
     * The symbols seen at least {@code minCount} times, the most frequent first (ties by name), so a
     * vocabulary learned from the same data is the same on every run.
     */
    public static Vocabulary learn(Map<String, Long> counts, long minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minimum count must be >= 1, got " + minCount);
        }
        List<Map.Entry<String, Long>> kept = new ArrayList<>();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (e.getValue() >= minCount) {
                kept.add(e);
            }
        }
        kept.sort(Map.Entry.<String, Long>comparingByValue(Collections.reverseOrder()).thenComparing(Map.Entry.comparingByKey()));
        List<String> symbols = new ArrayList<>(kept.size());
        kept.forEach(e -> symbols.add(e.getKey()));
        return new Vocabulary(symbols);
    }

    /** V: the known symbols plus the unknown slot (the embedding's rows, the softmax head's outputs). */
    public int size() {
        return symbols.size() + 1;
    }

    /** The symbol's index, {@link #UNKNOWN} for a symbol not held. */
    public int index(String symbol) {
        Integer i = indices.get(symbol);
        return i == null ? UNKNOWN : i;
    }

    /** The symbol at index i ≥ 1; null for the unknown slot. */
    public String symbol(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("symbol index " + i + " outside [0, " + size() + ")");
        }
        return i == UNKNOWN ? null : symbols.get(i - 1);
    }

    /** The known symbols in index order (index 1 first), as a release stores them. */
    public List<String> symbols() {
        return symbols;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && symbols.equals(v.symbols);
    }

    @Override
    public int hashCode() {
        return symbols.hashCode();
    }

    @Override
    public String toString() {
        return "Vocabulary" + symbols;
    }
}
