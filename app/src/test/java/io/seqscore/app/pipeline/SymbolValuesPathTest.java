package io.seqscore.app.pipeline;

import io.seqscore.app.testing.BackgroundCommand;
import io.seqscore.app.testing.PathTests.DevPorts;
import io.seqscore.avro.Score;
import io.seqscore.avro.ScoreStatus;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

import static io.seqscore.app.testing.PathTests.readAll;
import static io.seqscore.app.testing.PathTests.trainer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events that carry a symbol and a value from a CSV to scores with the documented commands, each in this JVM
 * through its own command line against the development broker and registry: {@code seqscore broker
 * --create-topics}, {@code seqscore produce --csv-format symbols} of a history, {@code seqscore-trainer train
 * --sessions-topic events --symbol-values --publish} from the events topic, {@code seqscore run}, then {@code
 * seqscore produce} of live sessions, one with a step no session had: every event is scored with its symbol, rank,
 * expected value and next steps, and the unknown step is flagged as unseen.
 */
class SymbolValuesPathTest {
    private static final List<String> STEPS = List.of("open", "read", "read", "write", "close");
    private static final double[] DURATION = {1.0, 5.0, 5.0, 8.0, 0.5};
    private static final int KEYS = 8;
    private static final int RUNS = 10;
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    @TempDir
    Path dir;

    @Test
    void shouldTrainFromProducedSymbolsAndValuesAndScoreLiveOnes() throws Exception {
        DevPorts ports = DevPorts.free();
        String bootstrap = ports.bootstrap();
        String registry = ports.registryUrl();
        Path history = dir.resolve("history.csv");
        Path live = dir.resolve("live.csv");
        writeHistory(history);
        Files.writeString(live, "key,timestamp,op,ms\n"
                + "live-1,1000000,open,1.0\nlive-1,1001000,read,5.1\nlive-1,1002000,delete,3.0\n"
                + "live-1,1003000,write,8.0\nlive-1,1004000,close,0.5\n");
        int historyEvents = KEYS * RUNS * STEPS.size();

        try (BackgroundCommand broker = ports.startBroker(dir, TIMEOUT)) {
            BackgroundCommand.Result produced = BackgroundCommand.run("produce", history.toString(), "--csv-format",
                    "symbols", "--bootstrap-servers", bootstrap, "--schema-registry-url", registry);
            assertThat(produced.code()).as(produced.err()).isZero();
            assertThat(produced.out()).startsWith("produced " + historyEvents + " events of " + KEYS + " keys to events");

            String trained = trainer("train", "--sessions-topic", "events", "--symbol-values", "--name", "default",
                    "--publish", "--bootstrap-servers", bootstrap, "--schema-registry-url", registry, "--hidden", "8",
                    "--embedding", "3", "--layers", "1", "--epochs", "3");
            assertThat(trained).contains("events: " + historyEvents + " records, " + historyEvents
                    + " events with a symbol and values").contains("published default version 1 to models");

            Path config = ports.scorerConfig(dir);
            try (BackgroundCommand scorer = BackgroundCommand.start(Map.of(), "run", "--config", config.toString())) {
                BackgroundCommand.Result sent = BackgroundCommand.run("produce", live.toString(), "--csv-format",
                        "symbols", "--bootstrap-servers", bootstrap, "--schema-registry-url", registry);
                assertThat(sent.code()).as(sent.err()).isZero();

                List<Score> scores = new ArrayList<>();
                for (ConsumerRecord<String, Score> r : readAll(bootstrap, registry, "scores", Score.class,
                        historyEvents + 5, TIMEOUT)) {
                    if (r.key().equals("live-1")) {
                        scores.add(r.value());
                    }
                }
                assertThat(scores).extracting(Score::getSymbol).containsExactly("open", "read", "delete", "write",
                        "close");
                assertThat(scores).allSatisfy(s -> {
                    assertThat(s.getModelVersion()).isEqualTo(1L);
                    assertThat(s.getObserved()).hasSize(2);
                    assertThat(s.getForecast()).as("4 steps + unknown, then the value").hasSize(6);
                    assertThat(s.getNextSymbols()).isNotEmpty();
                });
                for (int t = 1; t < scores.size(); t++) {
                    assertThat(scores.get(t).getSymbolRank()).isNotNull();
                    assertThat(scores.get(t).getExpected()).hasSize(1);
                    assertThat(scores.get(t).getResidual().get(0)).isEqualTo(scores.get(t).getObserved().get(1)
                            - scores.get(t).getExpected().get(0));
                }
                Score unseen = scores.get(2);
                assertThat(unseen.getStatus()).isEqualTo(ScoreStatus.UNSEEN_SYMBOL);
                assertThat(unseen.getObserved().get(0)).as("the unknown slot").isZero();
                assertThat(unseen.getAnomaly()).isTrue();
                assertThat(scorer.stop()).isZero();
            }
            assertThat(broker.stop()).isZero();
        }
    }

    /** KEYS keys, each RUNS runs of the workflow with its durations (± 5 %), in the symbols layout. */
    private static void writeHistory(Path file) throws IOException {
        SplittableRandom random = new SplittableRandom(11);
        StringBuilder text = new StringBuilder("key,timestamp,op,ms\n");
        for (int k = 0; k < KEYS; k++) {
            for (int r = 0; r < RUNS; r++) {
                for (int i = 0; i < STEPS.size(); i++) {
                    double ms = DURATION[i] * (1 + 0.05 * random.nextGaussian());
                    text.append("io-").append(k).append(',').append(10_000L * r + 1_000L * i).append(',')
                            .append(STEPS.get(i)).append(',').append(String.format(Locale.ROOT, "%.4f", ms)).append('\n');
                }
            }
        }
        Files.writeString(file, text);
    }



}
