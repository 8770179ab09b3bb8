package io.seqscore.app.evaluate.nab;

import io.seqscore.app.testing.CommandLines.Result;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static io.seqscore.app.testing.CommandLines.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code seqscore evaluate nab} end to end on two files of the shared NAB data (skipped without it): training,
 * signed releases on the models topic of an embedded broker, the scorer, NAB's results layout. Two epochs
 * instead of the recipe's 90 keep it short; the format does not depend on them.
 */
class EvaluateNabCommandTest {
    private static final List<String> FILES = List.of("realTraffic/speed_7578.csv", "realAdExchange/exchange-2_cpc_results.csv");
    @TempDir
    Path dir;

    private static Path sharedNabData() {
        String shared = System.getProperty("seqscore.shared.dir");
        assumeTrue(shared != null, "seqscore.shared.dir is not set");
        Path data = Path.of(shared, "nab", "data");
        assumeTrue(Files.isDirectory(data), "no NAB data at " + data);
        return data;
    }

    @Test
    void shouldWriteOneScoredRowPerInputRowInNabsLayout() throws IOException {
        Path source = sharedNabData();
        Path data = dir.resolve("data");
        for (String f : FILES) {
            Path to = data.resolve(f);
            Files.createDirectories(to.getParent());
            Files.copy(source.resolve(f), to);
        }
        Path results = dir.resolve("results");

        Result r = run("evaluate", "nab", "--data", data.toString(), "--out", results.toString(), "--epochs", "2");

        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).startsWith("evaluated 2 files (2751 rows)");
        for (String f : FILES) {
            String category = f.substring(0, f.indexOf('/'));
            String name = f.substring(f.indexOf('/') + 1);
            List<String> in = Files.readAllLines(data.resolve(f));
            List<String> out = Files.readAllLines(results.resolve("seqscore").resolve(category).resolve("seqscore_" + name));
            assertThat(out).hasSameSizeAs(in);
            assertThat(out.get(0)).isEqualTo("timestamp,value,anomaly_score");
            double highest = 0;
            for (int i = 1; i < in.size(); i++) {
                String row = out.get(i);
                int last = row.lastIndexOf(',');
                assertThat(row.substring(0, last)).as("%s row %d", f, i).isEqualTo(in.get(i));
                double score = Double.parseDouble(row.substring(last + 1));
                assertThat(score).as("%s row %d", f, i).isFinite().isBetween(0.0, 1.0);
                highest = Math.max(highest, score);
            }
            assertThat(highest).as("%s: the detector scores some row", f).isGreaterThan(0.5);
        }
    }

    /** A data directory holding FILES' first file (realTraffic/speed_7578.csv, 1,127 rows). */
    private Path dataWithTheFirstFile() throws IOException {
        Path source = sharedNabData();
        String f = FILES.get(0);
        Path data = dir.resolve("data");
        Files.createDirectories(data.resolve(f).getParent());
        Files.copy(source.resolve(f), data.resolve(f));
        return data;
    }

    @Test
    void shouldTrainOnceAndWriteEveryVariantUnderItsOwnName() throws IOException {
        Path data = dataWithTheFirstFile();
        Path results = dir.resolve("results");

        Result r = run("evaluate", "nab", "--data", data.toString(), "--out", results.toString(), "--epochs", "2",
                "--seed", "3", "--variant", "range", "--variant",
                "adaptive0:seqscore.anomaly.detector=adaptive,seqscore.anomaly.adaptive.step=0");

        assertThat(r.code()).as(r.err()).isEqualTo(0);
        assertThat(r.out()).startsWith("evaluated 1 files (1127 rows)").contains("(2 epochs, seed 3)")
                .contains("for 2 variants");
        List<String> range = Files.readAllLines(results.resolve("range/realTraffic/range_speed_7578.csv"));
        List<String> adaptive = Files.readAllLines(results.resolve("adaptive0/realTraffic/adaptive0_speed_7578.csv"));
        assertThat(range).hasSize(1128);
        assertThat(adaptive).as("the adaptive detector at step 0 scores as the range detector").isEqualTo(range);
        assertThat(results.resolve("seqscore")).doesNotExist();
    }

    @Test
    void shouldScoreWithAnEnsembleOfForecastersPerFile() throws IOException {
        Path data = dataWithTheFirstFile();

        Result one = run("evaluate", "nab", "--data", data.toString(), "--out", dir.resolve("one").toString(),
                "--epochs", "2", "--seed", "3");
        Result two = run("evaluate", "nab", "--data", data.toString(), "--out", dir.resolve("two").toString(),
                "--epochs", "2", "--seed", "3", "--ensemble", "2");

        assertThat(one.code()).as(one.err()).isEqualTo(0);
        assertThat(two.code()).as(two.err()).isEqualTo(0);
        assertThat(two.out()).startsWith("evaluated 1 files (1127 rows)").contains("(2 epochs, 2 networks, seeds 3..4)");
        List<String> single = Files.readAllLines(dir.resolve("one/seqscore/realTraffic/seqscore_speed_7578.csv"));
        List<String> fused = Files.readAllLines(dir.resolve("two/seqscore/realTraffic/seqscore_speed_7578.csv"));
        assertThat(fused).hasSize(1128);
        assertThat(fused).as("the mean of two forecasters is not the first one's forecast").isNotEqualTo(single);
    }

    @Test
    void shouldRefuseBadArgumentsWithOneLine() throws IOException {
        Result missing = run("evaluate", "nab", "--out", dir.toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err().strip()).doesNotContain("\n").contains("--data");

        Result notADir = run("evaluate", "nab", "--data", dir.resolve("nope").toString(), "--out", dir.toString());
        assertThat(notADir.code()).isEqualTo(2);
        assertThat(notADir.err().strip()).doesNotContain("\n").contains("--data: not a directory: " + dir.resolve("nope"));

        Result epochs = run("evaluate", "nab", "--data", dir.toString(), "--out", dir.toString(), "--epochs", "0");
        assertThat(epochs.code()).isEqualTo(2);
        assertThat(epochs.err().strip()).doesNotContain("\n").contains("--epochs must be >= 1, got 0");

        Path bad = dir.resolve("data/cat/f.csv");
        Files.createDirectories(bad.getParent());
        Files.writeString(bad, "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,x\n");
        Result badRow = run("evaluate", "nab", "--data", dir.resolve("data").toString(), "--out", dir.resolve("o").toString());
        assertThat(badRow.code()).isEqualTo(2);
        assertThat(badRow.err().strip()).doesNotContain("\n").contains(bad + ":3: ");
        assertThat(dir.resolve("o")).doesNotExist();

        Result ensemble = run("evaluate", "nab", "--data", dir.toString(), "--out", dir.toString(), "--ensemble", "0");
        assertThat(ensemble.code()).isEqualTo(2);
        assertThat(ensemble.err().strip()).doesNotContain("\n").contains("--ensemble must be >= 1, got 0");

        Result variant = run("evaluate", "nab", "--data", dir.toString(), "--out", dir.toString(), "--variant",
                "a:detector=range");
        assertThat(variant.code()).isEqualTo(2);
        assertThat(variant.err().strip()).doesNotContain("\n").contains("--variant: ").contains("seqscore.* setting");

        Result twice = run("evaluate", "nab", "--data", dir.toString(), "--out", dir.toString(), "--variant", "a",
                "--variant", "a");
        assertThat(twice.code()).isEqualTo(2);
        assertThat(twice.err().strip()).contains("--variant: names must be distinct");

        Result none = run("evaluate");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("a benchmark is required: one of ").contains("nab");
    }
}
