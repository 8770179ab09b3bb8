package io.seqscore.app.evaluate.nab;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes NAB's results layout: {@code OUT/<detector>/<category>/<detector>_<file>.csv} (detector "seqscore" by
 * default) with the header
 * {@code timestamp,value,anomaly_score} and one row per input row in file order, timestamp and value as the
 * input wrote them, the score with 9 decimals (0 where the scorer gave none or a non-finite one).
 */
final class NabResults {
    static final String DETECTOR = "seqscore";

    private NabResults() {
    }

    static Path file(Path out, NabSeries s) {
        return file(out, DETECTOR, s);
    }

    static Path file(Path out, String detector, NabSeries s) {
        return out.resolve(detector).resolve(s.category()).resolve(detector + "_" + s.name() + ".csv");
    }

    static void write(Path out, String detector, NabSeries s, Double[] scores) throws IOException {
        Path f = file(out, detector, s);
        Files.createDirectories(f.getParent());
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("timestamp,value,anomaly_score\n");
            for (int i = 0; i < s.rows(); i++) {
                Double score = scores[i];
                double v = score == null || !Double.isFinite(score) ? 0 : score;
                w.write(s.timestampText()[i]);
                w.write(',');
                w.write(s.valueText()[i]);
                w.write(',');
                w.write(String.format(Locale.ROOT, "%.9f", v));
                w.write('\n');
            }
        }
    }
}
