package io.seqscore.app.evaluate.m4;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads M4's wide CSV layout: a header row, then one row per series, the id and then its values in time order;
 * shorter series end with empty cells. Cells may be double-quoted.
 */
public final class M4File {
    private M4File() {
    }

    /** @throws M4FormatException naming the line of the first cell that is not a finite number, or an empty series */
    public static List<M4Series> read(Path file) throws IOException {
        List<M4Series> out = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            if (r.readLine() == null) {
                throw new M4FormatException(file + " is empty (expected a header row and one row per series)");
            }
            String line;
            int lineNo = 1;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                M4Series s = parse(line, file, lineNo);
                if (!ids.add(s.id())) {
                    throw new M4FormatException(file + " line " + lineNo + ": series " + s.id() + " appears twice");
                }
                out.add(s);
            }
        }
        if (out.isEmpty()) {
            throw new M4FormatException(file + " has no series");
        }
        return out;
    }

    private static M4Series parse(String line, Path file, int lineNo) {
        String[] cells = line.split(",", -1);
        String id = unquote(cells[0]);
        if (id.isEmpty()) {
            throw new M4FormatException(file + " line " + lineNo + ": the series id is empty");
        }
        double[] values = new double[cells.length - 1];
        int n = 0;
        boolean ended = false;
        for (int c = 1; c < cells.length; c++) {
            String cell = unquote(cells[c]);
            if (cell.isEmpty()) {
                ended = true;
                continue;
            }
            if (ended) {
                throw new M4FormatException(file + " line " + lineNo + ": series " + id + " has a value after an empty cell"
                        + " (column " + (c + 1) + ")");
            }
            double v;
            try {
                v = Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                throw new M4FormatException(file + " line " + lineNo + ", column " + (c + 1) + ": '" + cell
                        + "' is not a number");
            }
            if (!Double.isFinite(v)) {
                throw new M4FormatException(file + " line " + lineNo + ", column " + (c + 1) + ": " + cell
                        + " is not finite");
            }
            values[n++] = v;
        }
        if (n == 0) {
            throw new M4FormatException(file + " line " + lineNo + ": series " + id + " has no value");
        }
        return new M4Series(id, java.util.Arrays.copyOf(values, n));
    }

    private static String unquote(String cell) {
        String s = cell.strip();
        if (s.length() >= 2 && s.charAt(0) == '"' && s.charAt(s.length() - 1) == '"') {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}
