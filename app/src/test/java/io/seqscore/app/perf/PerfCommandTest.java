package io.seqscore.app.perf;

import io.seqscore.app.command.ExitCodes;
import io.seqscore.app.state.KeyState;
import io.seqscore.app.state.KeyStateCodec;
import io.seqscore.app.testing.CommandLines.Result;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.seqscore.app.testing.CommandLines.run;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code seqscore perf} end to end on a broker in the test JVM, with tiny sizes; no timing is asserted. */
class PerfCommandTest {
    /** What {@link KeyStateCodec} makes of a key's state in the run: an LSTM of one layer, one value, a full re-warm buffer. */
    private static int codecSize(String modelName, int hidden) {
        NetworkSpec spec = NetworkSpec.uniform(CellType.LSTM, 1, hidden, 1);
        KeyState s = new KeyState();
        s.inputSize(1);
        s.ringCapacity(32);
        s.resetRecurrent(modelName, 1, spec.stateSize(), spec.outputDim());
        s.forecastBuffer(spec.horizon(), spec.outputDim());
        for (int i = 0; i < 40; i++) {
            s.pushInput(Workload.eventTime(i), new float[] {0.25f});
        }
        s.lastEventTime(Workload.eventTime(40));
        s.lastScore(0.5, false);
        return new KeyStateCodec().encode(s).length;
    }

    @Test
    void shouldScoreEveryEventAndReportEveryMeasurement() {
        Result r = run("perf", "--events", "4000", "--keys", "40", "--hidden", "16", "--repeats", "1",
                "--guarantee", "exactly-once", "--sweep", "16", "--latency-rate", "500", "--latency-seconds", "1",
                "--swap-releases", "2", "--swap-interval", "300ms", "--restore-keys", "2000", "--no-warmup", "--timeout", "2m");

        assertThat(r.code()).as(r.err()).isEqualTo(ExitCodes.OK);
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("seqscore perf report");

        int stateBytes = Integer.parseInt(group(r.out(), "(?m)^state: (\\d+) bytes per key"));
        assertThat(stateBytes).isEqualTo(codecSize("perf-lstm-h16-l1", 16));
        assertThat(r.out()).contains("state: " + stateBytes + " bytes per key (target <= " + (4 * 32 + 128 + 32 * 12)
                + " = 128 recurrent + 128 + re-warm buffer 384: met)");

        assertThat(r.out()).contains("scored: 4000 of 4000 events (0 dead-lettered or dropped");
        assertThat(r.out()).containsPattern("(?m)^record cache: 10\\.0 MiB per stream thread, scorer and baseline alike;"
                + " the keys' states take 0\\.0 MiB of it \\(40 keys x \\(" + stateBytes + " \\+ \\d+ bytes\\) / 1 thread\\): they fit$");
        Matcher row = Pattern.compile("(?m)^\\| exactly-once \\| ([\\d,]+) \\| ([\\d,]+) \\| (\\d+\\.\\d{2}) \\|").matcher(r.out());
        assertThat(row.find()).as(r.out()).isTrue();
        assertThat(number(row.group(1))).isPositive();
        assertThat(number(row.group(2))).isPositive();
        int valueBytes = Integer.parseInt(group(r.out(), "(?m)^runs, exactly-once: scorer [\\d,]+ / baseline [\\d,]+ \\((\\d+)-byte values\\)$"));
        assertThat(valueBytes).as("the mean of the states the scorer stored while its keys' rings filled")
                .isLessThan(stateBytes).isGreaterThan(stateBytes / 2);

        Matcher latency = Pattern.compile("(?m)^\\| exactly-once \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|$")
                .matcher(r.out());
        assertThat(latency.find()).as(r.out()).isTrue();
        assertThat(Long.parseLong(latency.group(1))).isEqualTo(500);
        long p50 = Long.parseLong(latency.group(2));
        long p99 = Long.parseLong(latency.group(3));
        long p999 = Long.parseLong(latency.group(4));
        long max = Long.parseLong(latency.group(5));
        assertThat(p50).isGreaterThanOrEqualTo(0).isLessThanOrEqualTo(p99);
        assertThat(p99).isLessThanOrEqualTo(p999);
        assertThat(p999).isLessThanOrEqualTo(max);
        assertThat(Long.parseLong(latency.group(6))).as("heap MB").isPositive();

        Matcher swap = Pattern.compile("(?m)^\\| exactly-once \\| 2 \\| (\\d+) \\| (\\d+) \\| (\\d+) \\| (\\d+) \\|$").matcher(r.out());
        assertThat(swap.find()).as(r.out()).isTrue();
        assertThat(swap.group(1)).as("releases with a score of their own").isEqualTo("2");
        assertThat(Long.parseLong(swap.group(2))).isLessThanOrEqualTo(Long.parseLong(swap.group(3)));

        for (int hidden : new int[] {16}) {
            Matcher sweep = Pattern.compile("(?m)^\\| " + hidden + " \\| (\\d+) \\| ([\\d,]+) \\| ([\\d,]+) \\| (\\d+\\.\\d{2}) \\|")
                    .matcher(r.out());
            assertThat(sweep.find()).as(r.out()).isTrue();
            assertThat(Integer.parseInt(sweep.group(1))).isEqualTo(codecSize("perf-lstm-h" + hidden + "-l1", hidden));
            assertThat(Double.parseDouble(sweep.group(4))).isPositive();
        }

        Matcher categorical = Pattern.compile("(?m)^\\| 64 \\| 32 \\| (\\d+) \\| ([\\d,]+) \\| ([\\d,]+) \\| (\\d+\\.\\d{2}) \\|"
                + " (\\d+\\.\\d{2}) \\| (\\d+\\.\\d{2}) \\|$").matcher(r.out());
        assertThat(categorical.find()).as(r.out()).isTrue();
        assertThat(r.out()).contains("categorical, exactly-once, LSTM hidden 64, 32 symbols, 1 layer, embedding 16 (");
        assertThat(Integer.parseInt(categorical.group(1))).as("state bytes").isGreaterThan(4 * 2 * 64);
        assertThat(number(categorical.group(2))).isPositive();
        assertThat(number(categorical.group(3))).isPositive();
        assertThat(Double.parseDouble(categorical.group(4))).as("ratio").isPositive().isFinite();
        assertThat(Double.parseDouble(categorical.group(5))).as("CPU ratio").isPositive().isFinite();
        assertThat(Double.parseDouble(categorical.group(6))).as("model work").isPositive().isFinite();
        assertThat(r.out()).as("every symbol event scored by the next-symbol model, none without a model")
                .contains("categorical scored: 4000 of 4000 events (0 dead-lettered or dropped");

        assertThat(r.out()).contains("restore: 2,000 keys x " + stateBytes + " bytes from the changelog");
        String headline = lines.get(lines.size() - 3);
        assertThat(headline).matches("headline: LSTM hidden 16, input 1, 1 layer, exactly-once: cpu ratio \\d+\\.\\d{2} .*");
        String ratio = lines.get(lines.size() - 2);
        assertThat(ratio).matches("ratio scorer/baseline = \\d+\\.\\d{2}");
        assertThat(Double.parseDouble(ratio.substring(PerfReport.RATIO_LINE.length()))).isPositive();
        String last = lines.get(lines.size() - 1);
        assertThat(last).matches("cpu ratio scorer/baseline = \\d+\\.\\d{2}");
        String cpuRatio = last.substring(PerfReport.CPU_RATIO_LINE.length());
        assertThat(Double.parseDouble(cpuRatio)).isPositive();
        assertThat(headline).contains("cpu ratio " + cpuRatio + " ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "--events 0; --events must be >= 1, got 0",
            "--events 5 --keys 10; --keys (10) must not exceed --events (5)",
            "--cell lstmx; unknown cell 'lstmx'",
            "--guarantee sometimes; unknown guarantee 'sometimes' (at-least-once, exactly-once)",
            "--sweep 16,x; --sweep: not a list of hidden sizes: '16,x'",
            "--sweep-categorical x; --sweep-categorical: not a hidden size: 'x' (e.g. 64 or none)",
            "--sweep-categorical 0; --sweep-categorical: a hidden size must be >= 1, got 0",
            "--latency-rate 0; --latency-rate must be > 0, got 0.0",
            "--swap-interval soon; not a duration: 'soon'",
            "--set seqscore.no.such=1; --set: Unknown seqscore setting 'seqscore.no.such'",
            "--restore-keys -1; --restore-keys must be >= 0, got -1"})
    void shouldRejectBadArgumentsWithOneLine(String args, String message) {
        String[] argv = ("perf " + args).split(" ");
        Result r = run(argv);

        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().lines().toList()).as(r.err()).hasSize(1);
        assertThat(r.err()).startsWith("seqscore: ").contains(message).doesNotContain("\tat ");
    }

    private static String group(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(text).isTrue();
        return m.group(1);
    }

    private static long number(String grouped) {
        return Long.parseLong(grouped.replace(",", ""));
    }
}
