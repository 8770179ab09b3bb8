package io.seqscore.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.evidence.ModelRole;
import io.seqscore.app.evidence.VersionEvidence;
import io.seqscore.app.http.HttpApi;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.app.model.ModelReleaseDecoder;
import io.seqscore.app.model.ReleaseVerifier;
import io.seqscore.app.testing.Releases;
import io.seqscore.app.testing.Rollouts;
import io.seqscore.model.core.CellType;
import io.seqscore.model.core.NetworkSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The "Rollout evidence" part of {@code /dashboard/api/snapshot}: the arms' windows from the scorer's
 * {@link VersionEvidence}, read every {@value Dashboard#EVIDENCE_WINDOW_TICKS} ticks, and the releases.
 */
class DashboardRolloutTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NetworkSpec SPEC = NetworkSpec.uniform(CellType.LSTM, 1, 2, 1);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final AtomicLong clock = new AtomicLong(10_000);
    private final VersionEvidence evidence = new VersionEvidence();
    private final ModelRegistry registry = new ModelRegistry();
    private HttpApi http;
    private String base;

    @BeforeEach
    void start() throws Exception {
        ModelReleaseDecoder decoder = new ModelReleaseDecoder(ReleaseVerifier.ACCEPT_UNSIGNED);
        for (long v = 1; v <= 2; v++) {
            var release = Releases.release("m", v, SPEC, Releases.randomParams(SPEC, v, 0.3f), Releases.none(),
                    Releases.gaussian(SPEC, 1, 0.99, 0));
            registry.offer(decoder.decode("m", v == 1 ? release : Rollouts.canary(release, 50, null)), 0);
        }
        http = HttpApi.bind("127.0.0.1", 0);
        new Dashboard(new ScoreBoard(10), registry, evidence, Duration.ofMillis(100), clock::get).attach(http);
        http.start();
        base = "http://127.0.0.1:" + http.address().getPort();
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private JsonNode snapshot(long since) throws Exception {
        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(base + Dashboard.SNAPSHOT_PATH
                + "?since=" + since)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return JSON.readTree(r.body()).get("rollout");
    }

    @Test
    void shouldAnswerEachArmsWindowsAndTheReleases() throws Exception {
        evidence.arm("m", 1, ModelRole.SERVING).forecast(3.0, 1, 0.5, false);
        JsonNode first = snapshot(0);
        assertThat(first.get("windowMs").asLong()).isEqualTo(400);
        assertThat(first.get("reading").asLong()).as("the baseline").isEqualTo(1);
        assertThat(first.get("arms").get(0).get("windows")).isEmpty();

        evidence.arm("m", 1, ModelRole.SERVING).forecast(1.0, 1, 0.5, true);
        evidence.arm("m", 1, ModelRole.SERVING).scored(false);
        evidence.arm("m", 2, ModelRole.CANARY).forecast(0.5, 1, 0.1, false);
        clock.set(10_399);
        assertThat(snapshot(0).get("reading").asLong()).as("within the window").isEqualTo(1);
        clock.set(10_400);
        JsonNode second = snapshot(0);
        assertThat(second.get("reading").asLong()).isEqualTo(2);
        assertThat(JSON.writeValueAsString(second.get("arms"))).isEqualTo("["
                + "{\"model\":\"m\",\"version\":1,\"role\":\"serving\",\"windows\":[[2,10000,10400,2,1,1,1.0,1.0,0.5]]},"
                + "{\"model\":\"m\",\"version\":2,\"role\":\"canary\",\"windows\":[[2,10000,10400,1,1,0,0.5,0.0,0.1]]}]");
        assertThat(JSON.writeValueAsString(second.get("releases"))).isEqualTo("["
                + "{\"model\":\"m\",\"release\":1,\"version\":1,\"kind\":\"full\",\"at\":1700000000001},"
                + "{\"model\":\"m\",\"release\":2,\"version\":2,\"kind\":\"canary\",\"at\":1700000000002}]");
    }

    @Test
    void shouldRepeatOnlyTheLatestReadingsAfterTheFirstSnapshot() throws Exception {
        for (int i = 0; i < 6; i++) {
            evidence.arm("m", 1, ModelRole.SERVING).forecast(1.0, 1, 0.5, false);
            snapshot(0);
            clock.addAndGet(400);
        }
        assertThat(snapshot(0).get("arms").get(0).get("windows")).hasSize(6);
        JsonNode later = snapshot(1);
        assertThat(later.get("reading").asLong()).isEqualTo(7);
        assertThat(later.get("arms").get(0).get("windows")).extracting(w -> w.get(0).asLong())
                .containsExactly(5L, 6L, 7L);
    }
}
