package io.seqscore.app.evaluate.m4;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class M4FileTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path f = dir.resolve("train.csv");
        Files.writeString(f, text);
        return f;
    }

    @Test
    void shouldReadQuotedRowsWhoseShorterSeriesEndWithEmptyCells() throws IOException {
        List<M4Series> s = M4File.read(file("\"V1\",\"V2\",\"V3\",\"V4\"\n\"H1\",\"605\",\"586\",\"1.5e2\"\n\"H2\",\"7\",,\n"));

        assertThat(s).extracting(M4Series::id).containsExactly("H1", "H2");
        assertThat(s.get(0).values()).containsExactly(605, 586, 150);
        assertThat(s.get(1).values()).containsExactly(7);
    }

    @Test
    void shouldNameTheLineAndColumnOfABadCell() throws IOException {
        Path f = file("V1,V2,V3\nH1,1,2\nH2,3,x\n");

        assertThatThrownBy(() -> M4File.read(f)).isInstanceOf(M4FormatException.class)
                .hasMessageContaining("line 3, column 3").hasMessageContaining("'x'");
    }

    @Test
    void shouldRejectAValueAfterAGapAnEmptySeriesAndARepeatedId() throws IOException {
        Path gap = file("V1,V2,V3\nH1,1,,2\n");
        assertThatThrownBy(() -> M4File.read(gap)).isInstanceOf(M4FormatException.class)
                .hasMessageContaining("after an empty cell");
        Path empty = file("V1,V2\nH1,,\n");
        assertThatThrownBy(() -> M4File.read(empty)).isInstanceOf(M4FormatException.class)
                .hasMessageContaining("no value");
        Path twice = file("V1,V2\nH1,1\nH1,2\n");
        assertThatThrownBy(() -> M4File.read(twice)).isInstanceOf(M4FormatException.class)
                .hasMessageContaining("appears twice");
    }

    @Test
    void shouldSplitASeriesIntoItsHeadAndHeldOutTail() {
        M4Series s = new M4Series("H9", new double[] {1, 2, 3, 4, 5});

        assertThat(s.head(3).values()).containsExactly(1, 2, 3);
        assertThat(s.tail(3)).containsExactly(4, 5);
    }

    @Test
    void shouldReadTheSharedHourlySetAsItsReadmeDescribesIt() throws IOException {
        String shared = System.getProperty("seqscore.shared.dir");
        assumeTrue(shared != null, "seqscore.shared.dir is not set");
        Path file = Path.of(shared, "m4", "Hourly-train.csv");
        assumeTrue(Files.isRegularFile(file), file + " is absent");

        List<M4Series> s = M4File.read(file);

        // ../shared/m4/README.md: 414 series H1…H414, 700 to 960 values each, 353,500 in all
        assertThat(s).hasSize(414);
        assertThat(s.get(0).id()).isEqualTo("H1");
        assertThat(s.get(413).id()).isEqualTo("H414");
        assertThat(s).allSatisfy(x -> assertThat(x.length()).isBetween(700, 960));
        assertThat(s.stream().mapToLong(M4Series::length).sum()).isEqualTo(353_500);
        assertThat(s.get(0).values()[0]).isEqualTo(605);
    }
}
