package io.seqscore.app.perf;

import io.seqscore.app.config.RecordCacheSize;
import io.seqscore.app.config.SeqscoreConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PerfStatisticsTest {
    @Test
    void shouldTakeTheNearestRankOfOneThousandSamples() {
        long[] samples = new long[1000];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = 1000 - i;
        }

        Percentiles p = Percentiles.of(samples, 1000);

        assertThat(p).isEqualTo(new Percentiles(1000, 500, 990, 999, 1000));
        assertThat(samples[0]).as("input left unsorted").isEqualTo(1000);
    }

    @Test
    void shouldUseOnlyTheFirstCountSamplesAndGiveTheOnlyValueOfOne() {
        assertThat(Percentiles.of(new long[] {7, 1, 1}, 1)).isEqualTo(new Percentiles(1, 7, 7, 7, 7));
        assertThat(Percentiles.of(new long[] {3, 9}, 0)).isEqualTo(Percentiles.EMPTY);
    }

    @Test
    void shouldTakeTheRatioAsTheMedianOfThePairsRatios() {
        PerfModel m = new PerfModel("m", io.seqscore.model.core.CellType.LSTM, 1, 8, 1);
        CpuMeter.Sample cpu = new CpuMeter.Sample(0, 0);
        // pairs: 100/200 = 0.5, 300/200 = 1.5, 150/100 = 1.5 → median 1.5; medians of throughput 150 and 200
        List<StreamsApp.Drain> scorer = List.of(new StreamsApp.Drain(100, 1_000_000_000L, cpu),
                new StreamsApp.Drain(300, 1_000_000_000L, cpu), new StreamsApp.Drain(150, 1_000_000_000L, cpu));
        List<StreamsApp.Drain> baseline = List.of(new StreamsApp.Drain(200, 1_000_000_000L, cpu),
                new StreamsApp.Drain(200, 1_000_000_000L, cpu), new StreamsApp.Drain(100, 1_000_000_000L, cpu));

        Comparison c = new Comparison(m, Guarantee.EXACTLY_ONCE, 100, scorer, baseline, List.of(90, 90, 90), 0, 0, 0, 0, 0);

        assertThat(c.ratio()).isEqualTo(1.5);
        assertThat(c.scorerEventsPerSecond()).isEqualTo(150.0);
        assertThat(c.baselineEventsPerSecond()).isEqualTo(200.0);
    }

    @Test
    void shouldTakeTheCpuRatioAsTheMedianOfThePairsBaselineOverScorerCpuPerEvent() {
        PerfModel m = new PerfModel("m", io.seqscore.model.core.CellType.LSTM, 1, 8, 1);
        // app CPU per event, scorer / baseline: 10/5 µs → 0.5, 8/6 → 0.75, 4/4 → 1.0; median 0.75
        List<StreamsApp.Drain> scorer = List.of(drain(1000, 10_000_000L), drain(1000, 8_000_000L), drain(1000, 4_000_000L));
        List<StreamsApp.Drain> baseline = List.of(drain(1000, 5_000_000L), drain(1000, 6_000_000L), drain(1000, 4_000_000L));

        Comparison c = new Comparison(m, Guarantee.AT_LEAST_ONCE, 100, scorer, baseline, List.of(90, 90, 90), 0, 0, 0, 0, 0);

        assertThat(scorer.get(0).appMicrosPerEvent()).isEqualTo(10.0);
        assertThat(c.cpuRatio()).isEqualTo(0.75);
    }

    @Test
    void shouldGiveTheBaselinesStreamThreadsTheRecordCacheOfTheScorers() {
        SeqscoreConfig two = new SeqscoreConfig(Map.of("num.stream.threads", "2"));
        SeqscoreConfig set = new SeqscoreConfig(Map.of("statestore.cache.max.bytes", "3000"));

        assertThat(PerfRun.baselineProperties(two)).containsEntry("statestore.cache.max.bytes",
                Long.toString(2 * RecordCacheSize.KAFKA_DEFAULT));
        assertThat(PerfRun.baselineProperties(set)).containsEntry("statestore.cache.max.bytes", "1500");
    }

    @Test
    void shouldSayWhetherTheKeysStatesFitTheRecordCache() {
        PerfReport.RecordCache cache = new PerfReport.RecordCache(10L * 1024 * 1024, 10_000, 1, 82);

        assertThat(cache.needBytes(846)).isEqualTo(10_000L * 928);
        assertThat(cache.needBytes(846)).isLessThan(cache.perThreadBytes());
        assertThat(cache.needBytes(974)).as("the pre-session build's state").isGreaterThan(cache.perThreadBytes());
        assertThat(new PerfReport.RecordCache(1000, 5, 2, 10).needBytes(90)).isEqualTo(3 * 100);
    }

    @Test
    void shouldGiveTheMeanSizeOfTheStatesTheScorerStored() {
        ProgressCounter counter = new ProgressCounter(10);
        assertThat(counter.meanStateBytes()).isZero();

        counter.stateStored(600);
        counter.stateStored(900);
        counter.stateStored(901);

        assertThat(counter.meanStateBytes()).isEqualTo(2401 / 3.0);
    }

    private static StreamsApp.Drain drain(long events, long appCpuNanos) {
        return new StreamsApp.Drain(events, 1_000_000_000L, new CpuMeter.Sample(appCpuNanos, 2 * appCpuNanos));
    }
}
