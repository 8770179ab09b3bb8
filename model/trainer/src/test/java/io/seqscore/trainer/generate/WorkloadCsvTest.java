package io.seqscore.trainer.generate;

import io.seqscore.trainer.data.Dataset;
import io.seqscore.trainer.data.DatasetBuilder;
import io.seqscore.trainer.data.DatasetOptions;
import io.seqscore.trainer.data.NormalizationMode;
import io.seqscore.trainer.eval.SeasonDetector;
import io.seqscore.trainer.source.BadInputPolicy;
import io.seqscore.trainer.source.CsvFormat;
import io.seqscore.trainer.source.CsvSource;
import io.seqscore.trainer.source.HeaderMode;
import io.seqscore.trainer.source.RawSeries;
import io.seqscore.trainer.source.SourceResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated history is the trainer's long CSV: its own reader gets back every value exactly. */
class WorkloadCsvTest {
    private static final long FIRST = 1_767_225_000L;

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheHistoryAsLongCsvThatTheTrainersReaderReadsBackExactly() throws IOException {
        SyntheticWorkload w = new SyntheticWorkload(WorkloadSpec.builder().keys(5).build());
        Path file = dir.resolve("history.csv");
        long events;
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            events = WorkloadCsv.writeHistory(w, FIRST, FIRST + 300, out);
        }
        assertThat(events).isEqualTo(1500);
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1501);
        assertThat(lines.get(0)).isEqualTo("key,timestamp,value");
        assertThat(lines.get(1)).isEqualTo("sensor-0,2025-12-31T23:50:00Z," + w.value(0, FIRST));
        assertThat(lines.get(6)).startsWith("sensor-0,2025-12-31T23:50:01Z,");

        SourceResult read = new CsvSource(CsvFormat.LONG, HeaderMode.AUTO, ZoneOffset.UTC, BadInputPolicy.FAIL)
                .read(List.of(file));
        List<RawSeries> series = read.history().series();
        assertThat(series).extracting(RawSeries::key)
                .containsExactly("sensor-0", "sensor-1", "sensor-2", "sensor-3", "sensor-4");
        for (RawSeries s : series) {
            int k = Integer.parseInt(s.key().substring("sensor-".length()));
            assertThat(s.size()).isEqualTo(300);
            for (int i = 0; i < 300; i++) {
                assertThat(s.times()[i]).isEqualTo(w.eventTime(FIRST + i));
                assertThat(s.values()[i]).isEqualTo(w.value(k, FIRST + i));
            }
        }
    }

    @Test
    void shouldHaveTheSeasonTheTrainerDetects() throws IOException {
        SyntheticWorkload w = new SyntheticWorkload(WorkloadSpec.demo());
        Path file = dir.resolve("demo.csv");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            WorkloadCsv.writeHistory(w, FIRST, FIRST + 1800, out);
        }
        SourceResult read = new CsvSource(CsvFormat.LONG, HeaderMode.AUTO, ZoneOffset.UTC, BadInputPolicy.FAIL)
                .read(List.of(file));
        Dataset data = DatasetBuilder.build(read.history(), new DatasetOptions(0.2, null, 0, NormalizationMode.PER_KEY));
        assertThat(SeasonDetector.detect(data.series(), 1, 400)).isEqualTo(60);
    }

    @Test
    void shouldListAnomaliesWithTheirEventTimes() throws IOException {
        SyntheticWorkload w = new SyntheticWorkload(WorkloadSpec.demo());
        StringWriter out = new StringWriter();
        int n = WorkloadCsv.writeAnomalies(w, List.of(
                new InjectedAnomaly("sensor-03", AnomalyKind.LEVEL_SHIFT, 1_767_225_600L, 30, -1.5),
                new InjectedAnomaly("rack 1, fan \"a\"", AnomalyKind.SPIKE, 1_767_225_601L, 1, 2.25)), out);
        assertThat(n).isEqualTo(2);
        assertThat(out.toString()).isEqualTo("key,kind,start,end,steps,magnitude\n"
                + "sensor-03,level-shift,2026-01-01T00:00:00Z,2026-01-01T00:00:30Z,30,-1.5\n"
                + "\"rack 1, fan \"\"a\"\"\",spike,2026-01-01T00:00:01Z,2026-01-01T00:00:02Z,1,2.25\n");
    }
}
