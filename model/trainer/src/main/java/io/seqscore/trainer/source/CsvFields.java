package io.seqscore.trainer.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields (RFC 4180 within a line): fields are separated by commas; a field
 * that starts with a double quote runs to the matching quote, and {@code ""} inside it is one quote.
 * Unquoted fields are trimmed of surrounding spaces. Fields never span lines.
 */
final class CsvFields {
    private CsvFields() {
    }

    /** @throws IllegalArgumentException with the reason when a quoted field is not closed properly */
    static List<String> split(String line) {
        List<String> fields = new ArrayList<>();
        int i = 0;
        int len = line.length();
        while (true) {
            while (i < len && line.charAt(i) == ' ') {
                i++;
            }
            if (i < len && line.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                int start = i + 1;
                i = start;
                while (true) {
                    if (i >= len) {
                        throw new IllegalArgumentException("quoted field starting at column " + start + " is not closed");
                    }
                    char ch = line.charAt(i);
                    if (ch == '"') {
                        if (i + 1 < len && line.charAt(i + 1) == '"') {
                            sb.append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(ch);
                    i++;
                }
                while (i < len && line.charAt(i) == ' ') {
                    i++;
                }
                if (i < len && line.charAt(i) != ',') {
                    throw new IllegalArgumentException("unexpected text after the quoted field ending at column " + i);
                }
                fields.add(sb.toString());
            } else {
                int end = line.indexOf(',', i);
                int stop = end < 0 ? len : end;
                fields.add(line.substring(i, stop).trim());
                i = stop;
            }
            if (i >= len) {
                return fields;
            }
            i++;
        }
    }
}
