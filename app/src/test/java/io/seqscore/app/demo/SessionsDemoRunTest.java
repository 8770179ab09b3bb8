package io.seqscore.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.dashboard.Dashboard;
import io.seqscore.app.model.RolloutView;
import io.seqscore.app.testing.Await;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code demo --sessions} end to end on its own broker: the model trained on generated normal sessions flags the
 * injected anomalies of the live sessions and few normal ones, and the dashboard's API gives each session's
 * steps with their rank and the predicted next steps.
 */
class SessionsDemoRunTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final int SESSIONS = 120;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldFlagTheInjectedAnomaliesAndShowEachSessionsRanksAndPredictions() throws Exception {
        SessionsDemoOptions options = new SessionsDemoOptions(0, 25, 8, 7, SessionsDemoOptions.DEFAULT_EPOCHS, 0.3,
                null, null, Duration.ofMillis(100));
        SessionsDemoRun run = new SessionsDemoRun(options, InstantSource.system());
        try {
            long t0 = System.nanoTime();
            run.start();
            double startSeconds = (System.nanoTime() - t0) / 1e9;
            Await.until(TIMEOUT, SESSIONS + " sessions streamed and scored to their end",
                    () -> fullyScored(run).size() >= SESSIONS);
            List<WorkflowSession> scored = fullyScored(run);
            Map<String, List<Object[]>> points = run.board().snapshot(0, new RolloutView(List.of()), 0).points();
            int anomalous = 0;
            int caught = 0;
            int normal = 0;
            int falseAlarms = 0;
            for (WorkflowSession s : scored) {
                int firstFlag = firstFlag(points.get(s.key()));
                if (s.anomalous()) {
                    anomalous++;
                    if (firstFlag >= s.anomalyAt()) {
                        caught++;
                    }
                } else {
                    normal++;
                    if (firstFlag > 0) {
                        falseAlarms++;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "demo --sessions: started in %.1f s; %d sessions scored: %d of %d injected"
                            + " anomalies flagged at or after their event, %d of %d normal sessions flagged%n",
                    startSeconds, scored.size(), caught, anomalous, falseAlarms, normal);
            assertThat(anomalous).isGreaterThan(20);
            assertThat((double) caught / anomalous).as("recall on injected anomalies").isGreaterThanOrEqualTo(0.9);
            assertThat((double) falseAlarms / normal).as("normal sessions flagged").isLessThanOrEqualTo(0.05);

            WorkflowSession shown = scored.stream().filter(WorkflowSession::anomalous).findFirst().orElseThrow();
            JsonNode snapshot = JSON.readTree(get(run.httpPort(), Dashboard.SNAPSHOT_PATH));
            JsonNode rows = snapshot.get("points").get(shown.key());
            assertThat(rows).as("the API's rows of %s", shown.key()).isNotNull();
            assertThat(rows.size()).isEqualTo(shown.symbols().size());
            for (int i = 0; i < rows.size(); i++) {
                JsonNode row = rows.get(i);
                assertThat(row.get(10).asText()).isEqualTo(shown.symbols().get(i));
                if (i == 0) {
                    assertThat(row.get(11).isNull()).as("the first event has no forecast, so no rank").isTrue();
                } else {
                    assertThat(row.get(11).asInt()).isPositive();
                }
                JsonNode next = row.get(12);
                assertThat(next.size()).isEqualTo(3);
                assertThat(next.get(0).get(1).asDouble()).isBetween(0.0, 1.0)
                        .isGreaterThanOrEqualTo(next.get(1).get(1).asDouble());
            }
            JsonNode anomalyRow = rows.get(shown.anomalyAt() - 1);
            assertThat(anomalyRow.get(7).asInt()).as("the injected event of %s is flagged", shown).isEqualTo(1);
            JsonNode before = rows.get(shown.anomalyAt() - 2);
            List<String> predicted = new ArrayList<>();
            before.get(12).forEach(n -> predicted.add(n.get(0).asText()));
            assertThat(predicted).as("what the event before predicted").doesNotContain(shown.symbols()
                    .get(shown.anomalyAt() - 1));
        } finally {
            run.close();
        }
    }

    /** The sessions whose every event the board holds a score of, oldest first. */
    private static List<WorkflowSession> fullyScored(SessionsDemoRun run) {
        if (run.streamer() == null) {
            return List.of();
        }
        Map<String, List<Object[]>> points = run.board().snapshot(0, new RolloutView(List.of()), 0).points();
        List<WorkflowSession> out = new ArrayList<>();
        for (WorkflowSession s : run.streamer().started()) {
            List<Object[]> rows = points.get(s.key());
            if (rows != null && rows.size() == s.symbols().size()) {
                out.add(s);
            }
        }
        return out;
    }

    /** The 1-based event first flagged, 0 for none. */
    private static int firstFlag(List<Object[]> rows) {
        for (int i = 0; i < rows.size(); i++) {
            if ((Integer) rows.get(i)[7] == 1) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String get(int port, String path) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }
}
