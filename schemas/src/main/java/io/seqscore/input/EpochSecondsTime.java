package io.seqscore.input;

/** Seconds since the epoch: a number, with a fraction for milliseconds (rounded to the nearest), or its decimal text. */
final class EpochSecondsTime implements TimeFormat {
    /** Beyond ±this many milliseconds (about 292 million years) a time is refused rather than overflowing. */
    private static final double LIMIT_MS = 9.2e18;

    @Override
    public long fromLong(long value) {
        try {
            return Math.multiplyExact(value, 1000L);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(value + " seconds is out of range");
        }
    }

    @Override
    public long fromDouble(double value) {
        return rounded(value * 1000.0, value);
    }

    @Override
    public long fromText(String text) {
        return parse(text, this);
    }

    @Override
    public String name() {
        return EPOCH_SECONDS;
    }

    static long rounded(double millis, double given) {
        if (!Double.isFinite(millis) || Math.abs(millis) > LIMIT_MS) {
            throw new IllegalArgumentException(given + " is out of range");
        }
        return Math.round(millis);
    }

    /** Decimal text as the format reads numbers. */
    static long parse(String text, TimeFormat format) {
        String t = text.trim();
        try {
            return format.fromLong(Long.parseLong(t));
        } catch (NumberFormatException e) {
            try {
                return format.fromDouble(Double.parseDouble(t));
            } catch (NumberFormatException e2) {
                throw new IllegalArgumentException("'" + text + "' is not a number (" + format.name() + ")");
            }
        }
    }
}
