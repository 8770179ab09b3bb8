package io.seqscore.trainer.source;

/** The CSV layouts the trainer reads. */
public enum CsvFormat {
    /** {@code key,timestamp,v1[,v2...]}: many keys in one file. */
    LONG(2),
    /** {@code timestamp,v1[,v2...]}: one series per file, the key is the file name without its extension (NAB's layout). */
    SERIES(1),
    /** {@code key,timestamp,symbol,v1[,v2...]}: events that carry a symbol and values, many keys in one file. */
    SYMBOLS(3);

    private final int leadingColumns;

    CsvFormat(int leadingColumns) {
        this.leadingColumns = leadingColumns;
    }

    /** Columns before the first value. */
    int leadingColumns() {
        return leadingColumns;
    }

    /** The column of the timestamp (0-based). */
    int timeColumn() {
        return this == SERIES ? 0 : 1;
    }

    /** Whether column 0 holds the key (else the file name gives it). */
    boolean keyed() {
        return this != SERIES;
    }

    String layout() {
        return switch (this) {
            case LONG -> "key,timestamp,value[,value...]";
            case SERIES -> "timestamp,value[,value...]";
            case SYMBOLS -> "key,timestamp,symbol,value[,value...]";
        };
    }
}
