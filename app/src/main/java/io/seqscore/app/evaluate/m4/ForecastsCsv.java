package io.seqscore.app.evaluate.m4;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes forecasts in M4's submission layout: a header {@code id,F1,…,Fh}, then one row per series in the given order. */
final class ForecastsCsv {
    private ForecastsCsv() {
    }

    static void write(Path file, List<String> ids, Map<String, double[]> forecasts, int h) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder header = new StringBuilder("id");
            for (int s = 1; s <= h; s++) {
                header.append(",F").append(s);
            }
            w.write(header.toString());
            w.newLine();
            for (String id : ids) {
                double[] f = forecasts.get(id);
                if (f == null || f.length != h) {
                    throw new IllegalStateException("no " + h + "-step forecast for series " + id);
                }
                StringBuilder row = new StringBuilder(id);
                for (double v : f) {
                    row.append(',').append(v);
                }
                w.write(row.toString());
                w.newLine();
            }
        }
    }
}
