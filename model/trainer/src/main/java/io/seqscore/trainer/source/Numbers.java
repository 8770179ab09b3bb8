package io.seqscore.trainer.source;

import java.util.regex.Pattern;

/** Reads one value field: a decimal number, NaN or an infinity; an empty field is a missing value (NaN). */
final class Numbers {
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NON_FINITE = Pattern.compile("(?i)[+-]?(nan|inf|infinity)");

    private Numbers() {
    }

    /** @throws IllegalArgumentException when the text is not a number */
    static double parse(String text) {
        if (text.isEmpty()) {
            return Double.NaN;
        }
        if (DECIMAL.matcher(text).matches()) {
            return Double.parseDouble(text);
        }
        if (NON_FINITE.matcher(text).matches()) {
            String t = text.toLowerCase(java.util.Locale.ROOT);
            return t.contains("nan") ? Double.NaN : t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        throw new IllegalArgumentException("'" + text + "' is not a number");
    }

    static boolean isNumber(String text) {
        return !text.isEmpty() && (DECIMAL.matcher(text).matches() || NON_FINITE.matcher(text).matches());
    }
}
