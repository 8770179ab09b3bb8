package io.seqscore.app.demo;

import io.seqscore.trainer.generate.SyntheticWorkload;
import io.seqscore.trainer.source.CsvFormat;
import io.seqscore.trainer.source.History;
import io.seqscore.trainer.source.RawSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DemoSourcesTest {
    @Test
    void shouldPlaceTheGeneratedHistoryJustBeforeTheWallClock() {
        long now = 1_800_000_000_250L;
        GeneratedSource source = new GeneratedSource(GeneratedSource.spec(3, 42, 500), 100, now);
        SyntheticWorkload w = source.workload();

        // the live part starts at the first step at or after now: step 3_600_000_001 (t = now + 250 ms)
        assertThat(source.step(100)).isEqualTo(3_600_000_001L);
        assertThat(source.liveStart()).isEqualTo(1_800_000_000_500L);
        assertThat(source.tick(0)).extracting(DemoEvent::time).containsOnly(w.eventTime(3_600_000_001L - 100));
        assertThat(source.tick(0)).extracting(DemoEvent::key).containsExactly("sensor-0", "sensor-1", "sensor-2");
        assertThat(source.tick(7).get(2).values()).containsExactly(w.value(2, source.step(7)));
        assertThat(source.tickCount()).isEqualTo(Long.MAX_VALUE);
        assertThat(source.historyTicks()).isEqualTo(100);
        assertThat(source.description()).isEqualTo("demo:generated(keys=3, seed=42, period=60, step=500ms)");
    }

    @Test
    void shouldGiveTheTrainerTheFirstTicksAsHistory() {
        GeneratedSource source = new GeneratedSource(GeneratedSource.spec(3, 42, 1000), 100, 1_800_000_000_000L);
        History h = source.history(40);

        assertThat(h.accepted()).isEqualTo(120);
        assertThat(h.keyCount()).isEqualTo(3);
        RawSeries s1 = h.series().get(1);
        assertThat(s1.key()).isEqualTo("sensor-1");
        assertThat(s1.times()).hasSize(40).startsWith(source.tick(0).get(1).time()).endsWith(source.tick(39).get(1).time());
        assertThat(s1.values()[39]).isEqualTo(source.tick(39).get(1).values()[0]);
    }

    @Test
    void shouldReplayACsvAsOneTickPerEventTimeInTimeOrder() {
        List<DemoEvent> events = List.of(
                new DemoEvent("b", 2000, new double[] {2.0}),
                new DemoEvent("a", 1000, new double[] {1.0}),
                new DemoEvent("b", 1000, new double[] {1.5}),
                new DemoEvent("a", 1000, new double[] {9.9}),
                new DemoEvent("a", 3000, new double[] {3.0}),
                new DemoEvent("a", 4000, new double[] {4.0}));
        CsvReplaySource source = new CsvReplaySource("csv:test", events, 0.5, 77);

        assertThat(source.tickCount()).isEqualTo(4);
        assertThat(source.historyTicks()).isEqualTo(2);
        assertThat(source.keyCount()).isEqualTo(2);
        assertThat(source.liveStart()).isEqualTo(77);
        assertThat(source.tick(0)).extracting(DemoEvent::key).containsExactly("a", "b");
        assertThat(source.tick(0).get(0).values()).containsExactly(1.0);
        assertThat(source.tick(1)).extracting(DemoEvent::key).containsExactly("b");
        assertThat(source.tick(3).get(0).time()).isEqualTo(4000);
        assertThat(source.history(2).accepted()).isEqualTo(3);
        assertThat(source.keys()).containsExactly("a", "b");

        // its live part starts when streaming does, whenever that is: no burst of ticks already due
        DemoSource streaming = source.streamingFrom(5_000);
        assertThat(streaming.liveStart()).isEqualTo(5_000);
        assertThat(streaming.tickCount()).isEqualTo(4);
        assertThat(streaming.tick(3).get(0).time()).isEqualTo(4000);
        assertThat(source.liveStart()).isEqualTo(77);
    }

    @Test
    void shouldKeepTheGeneratedLivePartOnTheWallClock() {
        GeneratedSource source = new GeneratedSource(GeneratedSource.spec(2, 42, 500), 100, 1_800_000_000_000L);
        assertThat(source.streamingFrom(1_800_000_030_000L)).isSameAs(source);
        assertThat(source.keys()).containsExactly("sensor-0", "sensor-1");
    }

    @Test
    void shouldRefuseACsvTooShortToSplit() {
        List<DemoEvent> one = List.of(new DemoEvent("a", 1000, new double[] {1.0}));
        assertThatThrownBy(() -> new CsvReplaySource("csv:x", one, 0.5, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 distinct event times");
    }

    @Test
    void shouldReadTheTrainersCsvFormats(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("machine_temperature.csv");
        Files.writeString(file, "timestamp,value\n2024-01-01 00:00:00,20.5\n2024-01-01 00:05:00,21\n"
                + "2024-01-01 00:10:00,19.75\n2024-01-01 00:15:00,20\n");
        CsvReplaySource source = CsvReplaySource.read(file, CsvFormat.SERIES, ZoneId.of("UTC"), 0.5, 5);

        assertThat(source.keyCount()).isEqualTo(1);
        assertThat(source.tickCount()).isEqualTo(4);
        assertThat(source.historyTicks()).isEqualTo(2);
        assertThat(source.tick(2)).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo("machine_temperature");
            assertThat(e.time()).isEqualTo(1_704_067_800_000L);
            assertThat(e.values()).containsExactly(19.75);
        });
        assertThat(source.description()).contains("machine_temperature.csv");
    }

    @Test
    void shouldPaceTicksAtTheRate() {
        TickPacer pacer = new TickPacer(10_000, 100, 3);
        assertThat(pacer.due(100)).isEqualTo(10_000);
        assertThat(pacer.due(101)).isEqualTo(10_333);
        assertThat(pacer.due(103)).isEqualTo(11_000);
        assertThat(pacer.due(99)).isEqualTo(9_666);
        assertThatThrownBy(() -> new TickPacer(0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
