package io.seqscore.trainer.source;

import io.seqscore.trainer.TrainerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static SourceResult readLong(BadInputPolicy policy, Path... paths) {
        return new CsvSource(CsvFormat.LONG, HeaderMode.AUTO, ZoneOffset.UTC, policy).read(List.of(paths));
    }

    @Test
    void shouldReadLongFormatWithHeaderQuotesBomCrlfAndBlankLines() throws IOException {
        Path p = file("a.csv", "\uFEFFkey,timestamp,v1,v2\r\n"
                + "\"b,1\",2024-01-01T00:00:01Z,1.5,-2\r\n"
                + "\r\n"
                + "a,1000,3e2, .5\r\n"
                + "\"b,1\",2024-01-01 00:00:00,4,5\r\n");
        SourceResult r = readLong(BadInputPolicy.FAIL, p);
        List<RawSeries> series = r.history().series();
        assertThat(series).extracting(RawSeries::key).containsExactly("a", "b,1");
        assertThat(series.get(0).times()).containsExactly(1000L);
        assertThat(series.get(0).values()).containsExactly(300.0, 0.5);
        assertThat(series.get(1).times()).containsExactly(1704067201000L, 1704067200000L);
        assertThat(series.get(1).values()).containsExactly(1.5, -2.0, 4.0, 5.0);
        assertThat(r.history().dimension()).isEqualTo(2);
        assertThat(r.skipped()).isZero();
        assertThat(r.description()).isEqualTo("csv:" + p);
    }

    @Test
    void shouldKeyOneSeriesFilesByTheirNameAndReadDirectoriesInPathOrder() throws IOException {
        file("nab/b/machine_temp.csv", "timestamp,value\n2013-12-02 21:15:00,73.96\n2013-12-02 21:20:00,74.93\n");
        file("nab/a/cpu.csv", "timestamp,value\n2014-01-01 00:00:00,1\n");
        file("nab/a/notes.txt", "not csv");
        SourceResult r = new CsvSource(CsvFormat.SERIES, HeaderMode.AUTO, ZoneOffset.UTC, BadInputPolicy.FAIL)
                .read(List.of(dir.resolve("nab")));
        List<RawSeries> series = r.history().series();
        assertThat(series).extracting(RawSeries::key).containsExactly("cpu", "machine_temp");
        assertThat(series.get(1).times()).containsExactly(1386018900000L, 1386019200000L);
        assertThat(series.get(1).values()).containsExactly(73.96, 74.93);
    }

    @Test
    void shouldDropEventsWithMissingOrNonFiniteValuesAndCountThem() throws IOException {
        Path p = file("a.csv", "k,1,NaN\nk,2,\nk,3,inf\nk,4,-Infinity\nk,5,7\n");
        SourceResult r = readLong(BadInputPolicy.FAIL, p);
        assertThat(r.history().nonFinite()).isEqualTo(4);
        assertThat(r.history().accepted()).isEqualTo(1);
        assertThat(r.history().series().get(0).values()).containsExactly(7.0);
    }

    @Test
    void shouldNameFileAndLineOfEveryKindOfBadLine() throws IOException {
        assertBad("k,1\n", "a.csv:1: expected the columns key,timestamp,value[,value...], found 2 columns");
        assertBad("k,1,2\nk,2,x1\n", "a.csv:2: column 3: 'x1' is not a number");
        assertBad("k,1,2\nk,yesterday,1\n", "a.csv:2: column 2: cannot read timestamp 'yesterday' (expected epoch"
                + " milliseconds or an ISO-8601 date-time such as 2024-01-31 12:00:00)");
        assertBad("k,1,2\n,2,1\n", "a.csv:2: empty key in column 1");
        assertBad("k,1,2\n\"k,2,1\n", "a.csv:2: quoted field starting at column 1 is not closed");
        assertBad("k,1,2\n\"k\"x,2,1\n", "a.csv:2: unexpected text after the quoted field ending at column 3");
        assertBad("k,1,2\nk,2,1,3\n", "a.csv:2: expected 1 value per event (as the first event had), found 2");
        assertBad("k,1,2\nk,2024-02-30 00:00:00,1\n", "a.csv:2: column 2: cannot read timestamp '2024-02-30 00:00:00'"
                + " (expected epoch milliseconds or an ISO-8601 date-time such as 2024-01-31 12:00:00)");
        assertBad("k,1,2\nk,1,1.0d\n", "a.csv:2: column 3: '1.0d' is not a number");
        assertBad("k,1,2\nk,99999999999999999999,1\n",
                "a.csv:2: column 2: timestamp '99999999999999999999' is out of range for epoch milliseconds");
    }

    private void assertBad(String content, String message) throws IOException {
        Path p = file("a.csv", content);
        assertThatThrownBy(() -> readLong(BadInputPolicy.FAIL, p))
                .isInstanceOf(InputFormatException.class)
                .hasMessage(dir.resolve(message.substring(0, message.indexOf(':'))) + message.substring(message.indexOf(':')));
    }

    @Test
    void shouldSkipAndCountBadLinesWhenAsked() throws IOException {
        Path p = file("a.csv", "key,timestamp,value\nk,1,1\nk,2\nk,x,1\nk,4,4\n,5,5\nk,6,oops\nk,7,7\n");
        SourceResult r = readLong(BadInputPolicy.SKIP, p);
        assertThat(r.skipped()).isEqualTo(4);
        assertThat(r.history().series().get(0).times()).containsExactly(1L, 4L, 7L);
    }

    @Test
    void shouldTreatAFirstLineWithNumbersAsDataUnlessToldItIsAHeader() throws IOException {
        Path p = file("a.csv", "k,1,5\nk,2,6\n");
        assertThat(readLong(BadInputPolicy.FAIL, p).history().accepted()).isEqualTo(2);
        SourceResult told = new CsvSource(CsvFormat.LONG, HeaderMode.YES, ZoneOffset.UTC, BadInputPolicy.FAIL)
                .read(List.of(p));
        assertThat(told.history().accepted()).isEqualTo(1);
        Path header = file("b.csv", "key,timestamp,value\nk,1,5\n");
        SourceResult no = new CsvSource(CsvFormat.LONG, HeaderMode.NO, ZoneOffset.UTC, BadInputPolicy.SKIP)
                .read(List.of(header));
        assertThat(no.skipped()).isEqualTo(1);
        assertThat(no.history().accepted()).isEqualTo(1);
    }

    @Test
    void shouldKeepOnlyEventsInsideTheTimeRange() throws IOException {
        Path p = file("a.csv", "k,1,1\nk,2,2\nk,3,3\nk,4,4\n");
        SourceResult r = new CsvSource(CsvFormat.LONG, HeaderMode.AUTO, ZoneOffset.UTC, BadInputPolicy.FAIL, 2L, 4L)
                .read(List.of(p));
        assertThat(r.history().series().get(0).times()).containsExactly(2L, 3L);
        assertThat(r.history().outside()).isEqualTo(2);
    }

    @Test
    void shouldReadLocalTimesInTheGivenZone() throws IOException {
        Path p = file("a.csv", "k,2024-01-01 01:00:00,1\n");
        SourceResult r = new CsvSource(CsvFormat.LONG, HeaderMode.AUTO, java.time.ZoneId.of("Europe/Paris"),
                BadInputPolicy.FAIL).read(List.of(p));
        assertThat(r.history().series().get(0).times()).containsExactly(1704067200000L);
    }

    @Test
    void shouldRefuseMissingPathsEmptyDirectoriesDuplicateSeriesKeysAndNonUtf8() throws IOException {
        assertThatThrownBy(() -> readLong(BadInputPolicy.FAIL, dir.resolve("nope.csv")))
                .isInstanceOf(TrainerException.class).hasMessage("no such file or directory: " + dir.resolve("nope.csv"));
        Files.createDirectories(dir.resolve("empty"));
        assertThatThrownBy(() -> readLong(BadInputPolicy.FAIL, dir.resolve("empty")))
                .isInstanceOf(TrainerException.class).hasMessage("the directory " + dir.resolve("empty") + " holds no .csv file");
        Path x1 = file("d1/x.csv", "1,1\n");
        Path x2 = file("d2/x.csv", "1,1\n");
        assertThatThrownBy(() -> new CsvSource(CsvFormat.SERIES, HeaderMode.AUTO, ZoneOffset.UTC, BadInputPolicy.FAIL)
                .read(List.of(x1, x2)))
                .isInstanceOf(TrainerException.class)
                .hasMessage("the files " + x1 + " and " + x2 + " both give the key 'x' (the key of a one-series file is"
                        + " its name without the extension)");
        Path latin = dir.resolve("latin.csv");
        Files.write(latin, new byte[] {'k', (byte) 0xE9, ',', '1', ',', '1', '\n'});
        assertThatThrownBy(() -> readLong(BadInputPolicy.FAIL, latin))
                .isInstanceOf(TrainerException.class).hasMessage("cannot read " + latin + ": it is not UTF-8 text");
    }
}
