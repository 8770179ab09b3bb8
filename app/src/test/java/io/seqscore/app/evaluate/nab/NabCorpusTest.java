package io.seqscore.app.evaluate.nab;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NabCorpusTest {
    @TempDir
    Path dir;

    private Path write(String relative, String content) throws IOException {
        Path f = dir.resolve(relative);
        Files.createDirectories(f.getParent());
        return Files.writeString(f, content);
    }

    @Test
    void shouldReadEveryCategoryFileInPathOrderKeepingTheTextAsWritten() throws IOException {
        write("b/y.csv", "timestamp,value\n2014-04-01 00:00:00,1.50\n2014-04-01T00:05:00Z,-2\n2014-04-01 00:05:00,3e1\n");
        write("a/x.csv", "timestamp,value\n1970-01-01 00:01:00,7\n");
        write("a/notes.txt", "ignored");
        write("toplevel.csv", "timestamp,value\n");

        List<NabSeries> files = NabCorpus.read(dir);

        assertThat(files).extracting(NabSeries::key).containsExactly("a/x", "b/y");
        NabSeries y = files.get(1);
        assertThat(y.timestampText()).containsExactly("2014-04-01 00:00:00", "2014-04-01T00:05:00Z", "2014-04-01 00:05:00");
        assertThat(y.valueText()).containsExactly("1.50", "-2", "3e1");
        assertThat(y.values()).containsExactly(1.5, -2.0, 30.0);
        // 2014-04-01T00:00:00Z = 1396310400 s
        assertThat(y.times()).containsExactly(1_396_310_400_000L, 1_396_310_700_000L, 1_396_310_700_000L);
        assertThat(files.get(0).times()).containsExactly(60_000L);
    }

    @Test
    void shouldTakeNabsProbationaryPeriod() {
        assertThat(series(6).probation()).isEqualTo(0);       // ⌊0.9⌋
        assertThat(series(1127).probation()).isEqualTo(169);  // ⌊169.05⌋
        assertThat(series(5000).probation()).isEqualTo(750);  // ⌊750⌋
        assertThat(series(22_000).probation()).isEqualTo(750);
        NabSeries s = series(1127);
        assertThat(s.probationRows().times()).hasSize(169);
        assertThat(s.probationRows().key()).isEqualTo("c/f");
        assertThat(s.earliest()).isEqualTo(0L);
    }

    private static NabSeries series(int rows) {
        return new NabSeries("c", "f", new String[rows], new String[rows], new long[rows], new double[rows]);
    }

    @Test
    void shouldNameTheFileAndLineOfABadRow() throws IOException {
        Path f = write("c/f.csv", "timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 25:00:00,2\n");
        assertThatThrownBy(() -> NabCorpus.read(dir)).isInstanceOf(NabFormatException.class)
                .hasMessageStartingWith(f + ":3: ");
        write("c/f.csv", "time,value\n");
        assertThatThrownBy(() -> NabCorpus.read(dir)).hasMessage(f + ":1: expected the header timestamp,value");
        write("c/f.csv", "timestamp,value\n2014-04-01 00:00:00,NaN\n");
        assertThatThrownBy(() -> NabCorpus.read(dir)).hasMessage(f + ":2: the value is not finite");
        Files.delete(f);
        assertThatThrownBy(() -> NabCorpus.read(dir)).hasMessageStartingWith("--data: no <category>/<file>.csv under ");
    }
}
