package io.seqscore.trainer.source;

/** The two CSV layouts the trainer reads. */
public enum CsvFormat {
    /** {@code key,timestamp,v1[,v2...]}: many keys in one file. */
    LONG(2),
    /** {@code timestamp,v1[,v2...]}: one series per file, the key is the file name without its extension (NAB's layout). */
    SERIES(1);

    private final int leadingColumns;

    CsvFormat(int leadingColumns) {
        this.leadingColumns = leadingColumns;
    }

    /** Columns before the first value. */
    int leadingColumns() {
        return leadingColumns;
    }

    String layout() {
        return this == LONG ? "key,timestamp,value[,value...]" : "timestamp,value[,value...]";
    }
}
