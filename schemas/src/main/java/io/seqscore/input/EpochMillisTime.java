package io.seqscore.input;

/** Milliseconds since the epoch: a number (a fraction rounds to the nearest millisecond) or its decimal text. */
final class EpochMillisTime implements TimeFormat {
    @Override
    public long fromLong(long value) {
        return value;
    }

    @Override
    public long fromDouble(double value) {
        return EpochSecondsTime.rounded(value, value);
    }

    @Override
    public long fromText(String text) {
        return EpochSecondsTime.parse(text, this);
    }

    @Override
    public String name() {
        return EPOCH_MILLIS;
    }
}
