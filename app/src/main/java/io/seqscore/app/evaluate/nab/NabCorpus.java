package io.seqscore.app.evaluate.nab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads a directory laid out as NAB's {@code data/}: {@code DIR/<category>/<file>.csv}, each with the header
 * {@code timestamp,value} and rows {@code YYYY-MM-DD HH:MM:SS,number} (a {@code T} separator and a trailing
 * {@code Z} are accepted; times are UTC). Files in path order.
 */
public final class NabCorpus {
    private NabCorpus() {
    }

    /** @throws NabFormatException naming the file and line of the first problem, or when DIR holds no CSV */
    public static List<NabSeries> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new NabFormatException("--data: not a directory: " + dir);
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".csv") && Files.isRegularFile(p))
                    .filter(p -> dir.relativize(p).getNameCount() == 2).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        if (files.isEmpty()) {
            throw new NabFormatException("--data: no <category>/<file>.csv under " + dir);
        }
        List<NabSeries> out = new ArrayList<>(files.size());
        for (Path f : files) {
            out.add(readFile(f));
        }
        return out;
    }

    static NabSeries readFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        while (!lines.isEmpty() && lines.get(lines.size() - 1).isBlank()) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty() || !lines.get(0).strip().replace("\"", "").startsWith("timestamp,value")) {
            throw new NabFormatException(file + ":1: expected the header timestamp,value");
        }
        int n = lines.size() - 1;
        if (n == 0) {
            throw new NabFormatException(file + ": no data row");
        }
        String[] ts = new String[n];
        String[] vs = new String[n];
        long[] times = new long[n];
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            String line = lines.get(i + 1);
            int comma = line.indexOf(',');
            if (comma < 0) {
                throw new NabFormatException(file + ":" + (i + 2) + ": expected timestamp,value");
            }
            ts[i] = line.substring(0, comma);
            vs[i] = line.substring(comma + 1).strip();
            try {
                times[i] = parseTime(ts[i]);
                values[i] = Double.parseDouble(vs[i]);
            } catch (DateTimeParseException | NumberFormatException e) {
                throw new NabFormatException(file + ":" + (i + 2) + ": " + e.getMessage());
            }
            if (!Double.isFinite(values[i])) {
                throw new NabFormatException(file + ":" + (i + 2) + ": the value is not finite");
            }
        }
        String name = file.getFileName().toString();
        return new NabSeries(file.getParent().getFileName().toString(), name.substring(0, name.length() - 4), ts, vs,
                times, values);
    }

    /** {@code 2014-04-01 00:02:00} (or with T, or a trailing Z) as epoch milliseconds, UTC. */
    static long parseTime(String text) {
        String t = text.strip();
        if (t.endsWith("Z")) {
            t = t.substring(0, t.length() - 1);
        }
        return LocalDateTime.parse(t.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
