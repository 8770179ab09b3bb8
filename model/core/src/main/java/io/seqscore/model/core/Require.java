package io.seqscore.model.core;

/**
 * The null checks of a record's or a constructor's arguments written once: {@code Require.nonNull("a b c", a, b, c)}
 * throws the {@link NullPointerException} that {@code Objects.requireNonNull(x, "x")} would for the first null one.
 * For setup objects (settings, options), not per event: the values travel in an array.
 */
public final class Require {
    private Require() {
    }

    /**
     * @param names the values' names, separated by single spaces, in the order of {@code values}
     * @throws NullPointerException naming the first null value
     * @throws IllegalArgumentException when there are not as many names as values
     */
    public static void nonNull(String names, Object... values) {
        String[] named = names.split(" ");
        if (named.length != values.length) {
            throw new IllegalArgumentException(named.length + " names for " + values.length + " values: " + names);
        }
        for (int i = 0; i < values.length; i++) {
            if (values[i] == null) {
                throw new NullPointerException(named[i]);
            }
        }
    }
}
