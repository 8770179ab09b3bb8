package io.seqscore.model.core.anomaly;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * The transitions a next-symbol release saw in its normal sessions: the pairs (previous symbol, next symbol) of
 * vocabulary indices (0 = the unknown slot, V = the vocabulary's size with it), a key's first event having the
 * start of the session as its previous symbol. A release carries them as the codes
 * <pre>
 * code = previous · V + next        previous in [0, V], V standing for the start; next in [0, V)
 * </pre>
 * sorted ascending and distinct. Immutable; {@link #seen} is a bit test (a binary search over the codes for a
 * vocabulary too large for a bit set of (V + 1)·V bits) and allocates nothing.
 */
public final class SymbolTransitions {
    /** The previous symbol of a key's first event. */
    public static final int START = -1;
    /** Largest V whose codes fit an int: (V + 1)·V ≤ 2³¹ − 1. */
    public static final int MAX_SYMBOLS = 46_340;
    /** Largest (V + 1)·V kept as a bit set (2 MiB); larger vocabularies search the codes. */
    static final int MAX_BITS = 1 << 24;
    /** No table: a release that carries none. */
    public static final SymbolTransitions NONE = new SymbolTransitions(0, new int[0]);

    private final int symbols;
    private final int[] codes;
    private final long[] bits;

    private SymbolTransitions(int symbols, int[] codes) {
        this.symbols = symbols;
        this.codes = codes;
        long size = (long) (symbols + 1) * symbols;
        if (codes.length > 0 && size <= MAX_BITS) {
            bits = new long[(int) ((size + 63) >>> 6)];
            for (int c : codes) {
                bits[c >>> 6] |= 1L << c;
            }
        } else {
            bits = null;
        }
    }

    /**
     * The table of these codes for a vocabulary of V = {@code symbols} indices (the unknown slot included).
     *
     * @throws IllegalArgumentException naming the first code out of range or out of order, or a V out of range
     */
    public static SymbolTransitions of(int symbols, int[] codes) {
        if (codes.length == 0) {
            return NONE;
        }
        requireSymbols(symbols);
        int limit = (symbols + 1) * symbols;
        for (int i = 0; i < codes.length; i++) {
            int c = codes[i];
            if (c < 0 || c >= limit) {
                throw new IllegalArgumentException("transition code " + c + " at position " + i + " outside [0, "
                        + limit + ") = [0, (V + 1)·V) for V = " + symbols);
            }
            if (i > 0 && c <= codes[i - 1]) {
                throw new IllegalArgumentException("transition code " + c + " at position " + i
                        + " is not above the one before (" + codes[i - 1] + "): codes must be sorted ascending and distinct");
            }
        }
        return new SymbolTransitions(symbols, codes.clone());
    }

    /** As {@link #of(int, int[])}, the codes as a release's features carry them. */
    public static SymbolTransitions of(int symbols, List<Integer> codes) {
        return of(symbols, codes.stream().mapToInt(Integer::intValue).toArray());
    }

    private static void requireSymbols(int symbols) {
        if (symbols < 1 || symbols > MAX_SYMBOLS) {
            throw new IllegalArgumentException("transitions need a vocabulary of 1 to " + MAX_SYMBOLS
                    + " indices, got " + symbols);
        }
    }

    /** The code of a pair (previous {@link #START} for a key's first event) in a vocabulary of V = {@code symbols}. */
    public static int code(int symbols, int previous, int next) {
        return (previous < 0 ? symbols : previous) * symbols + next;
    }

    /** Whether the table holds no transition (a release without one: the rule is not applied). */
    public boolean isEmpty() {
        return codes.length == 0;
    }

    /** V, the vocabulary's indices the codes are over (0 for {@link #NONE}). */
    public int symbols() {
        return symbols;
    }

    /** The transitions held. */
    public int size() {
        return codes.length;
    }

    /** The codes, ascending (a copy). */
    public int[] codes() {
        return codes.clone();
    }

    /**
     * Whether the normal sessions had {@code next} after {@code previous} ({@link #START}, or any negative value: at
     * a session's start); false for an index outside the vocabulary.
     */
    public boolean seen(int previous, int next) {
        if (previous >= symbols || next < 0 || next >= symbols) {
            return false;
        }
        int c = code(symbols, previous, next);
        return bits != null ? (bits[c >>> 6] & 1L << c) != 0 : Arrays.binarySearch(codes, c) >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SymbolTransitions t && t.symbols == symbols && Arrays.equals(t.codes, codes);
    }

    @Override
    public int hashCode() {
        return 31 * symbols + Arrays.hashCode(codes);
    }

    @Override
    public String toString() {
        return "SymbolTransitions[V=" + symbols + ", " + codes.length + " seen]";
    }

    /** Collects the pairs of sessions, in any order and with repeats. */
    public static final class Builder {
        private final int symbols;
        private final BitSet seen = new BitSet();

        /** @param symbols V, the vocabulary's indices with the unknown slot */
        public Builder(int symbols) {
            requireSymbols(symbols);
            this.symbols = symbols;
        }

        /** Adds the pair (previous {@link #START} at a session's start). */
        public Builder add(int previous, int next) {
            if (previous >= symbols || next < 0 || next >= symbols) {
                throw new IllegalArgumentException("transition " + previous + " -> " + next + " outside a vocabulary of "
                        + symbols + " indices");
            }
            seen.set(code(symbols, previous, next));
            return this;
        }

        /** Adds every pair of one session of indices, the first after {@link #START}. */
        public Builder addSession(int[] indices) {
            int previous = START;
            for (int i : indices) {
                add(previous, i);
                previous = i;
            }
            return this;
        }

        public SymbolTransitions build() {
            return of(symbols, seen.stream().toArray());
        }
    }
}
