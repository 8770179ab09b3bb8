package io.seqscore.trainer.source;

import io.seqscore.trainer.TrainerException;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * Reads one CSV file of a {@link CsvFormat} into an {@link EventSink} (a {@link History}, a producer), line by line. Blank lines are ignored; a UTF-8
 * byte-order mark is dropped; a bad line (wrong column count, unreadable quote, timestamp or number,
 * empty key, a value count that differs from the first event's) goes to {@link InputProblems} as
 * {@code file:line: reason}. An empty value field is a missing value: the event is dropped as a NaN is.
 */
public final class CsvReader {
    private final CsvFormat format;
    private final HeaderMode header;
    private final ZoneId zone;
    private final InputProblems problems;

    public CsvReader(CsvFormat format, HeaderMode header, ZoneId zone, InputProblems problems) {
        this.format = format;
        this.header = header;
        this.zone = zone;
        this.problems = problems;
    }

    /**
     * @param key the key of every line under {@link CsvFormat#SERIES}; ignored under {@link CsvFormat#LONG}
     * @return the number of data lines read (good or bad)
     * @throws InputFormatException on a bad line under {@link BadInputPolicy#FAIL}
     * @throws TrainerException     when the file cannot be read
     */
    public long read(Path file, String key, EventSink history) {
        long lines = 0;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int lineNo = 0;
            boolean first = true;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && !line.isEmpty() && line.charAt(0) == '\uFEFF') {
                    line = line.substring(1);
                }
                if (line.isBlank()) {
                    continue;
                }
                boolean wasFirst = first;
                first = false;
                List<String> fields;
                try {
                    fields = CsvFields.split(line);
                } catch (IllegalArgumentException e) {
                    problems.report(file + ":" + lineNo, e.getMessage());
                    lines++;
                    continue;
                }
                if (wasFirst && isHeader(fields)) {
                    continue;
                }
                lines++;
                readLine(file + ":" + lineNo, fields, key, history);
            }
        } catch (CharacterCodingException e) {
            throw new TrainerException("cannot read " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw new TrainerException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return lines;
    }

    private boolean isHeader(List<String> fields) {
        if (header != HeaderMode.AUTO) {
            return header == HeaderMode.YES;
        }
        int lead = format.leadingColumns();
        if (fields.size() <= lead) {
            return false;
        }
        for (int i = lead; i < fields.size(); i++) {
            if (Numbers.isNumber(fields.get(i)) || fields.get(i).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private void readLine(String where, List<String> fields, String fileKey, EventSink history) {
        int lead = format.leadingColumns();
        if (fields.size() < lead + 1) {
            problems.report(where, "expected the columns " + format.layout() + ", found " + fields.size()
                    + " column" + (fields.size() == 1 ? "" : "s"));
            return;
        }
        String key = format.keyed() ? fields.get(0) : fileKey;
        if (key.isEmpty()) {
            problems.report(where, "empty key in column 1");
            return;
        }
        long time;
        try {
            time = Timestamps.parse(fields.get(format.timeColumn()), zone);
        } catch (IllegalArgumentException e) {
            problems.report(where, "column " + (format.timeColumn() + 1) + ": " + e.getMessage());
            return;
        }
        String symbol = format == CsvFormat.SYMBOLS ? fields.get(2) : null;
        if (symbol != null && symbol.isEmpty()) {
            problems.report(where, "empty symbol in column 3");
            return;
        }
        double[] values = new double[fields.size() - lead];
        for (int i = 0; i < values.length; i++) {
            try {
                values[i] = Numbers.parse(fields.get(lead + i));
            } catch (IllegalArgumentException e) {
                problems.report(where, "column " + (lead + i + 1) + ": " + e.getMessage());
                return;
            }
        }
        try {
            if (symbol == null) {
                history.add(key, time, values);
            } else {
                history.add(key, time, symbol, values);
            }
        } catch (IllegalArgumentException e) {
            problems.report(where, e.getMessage());
        }
    }
}
