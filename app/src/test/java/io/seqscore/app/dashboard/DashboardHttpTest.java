package io.seqscore.app.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.app.evidence.VersionEvidence;
import io.seqscore.app.http.HttpApi;
import io.seqscore.app.model.ModelRegistry;
import io.seqscore.avro.ScoreStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's routes on a real {@link HttpApi} (the scorer's server) on a free port. */
class DashboardHttpTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScoreBoard board = new ScoreBoard(100);
    private HttpApi http;
    private String base;

    @BeforeEach
    void start() throws IOException {
        http = HttpApi.bind("127.0.0.1", 0);
        new Dashboard(board, new ModelRegistry(), new VersionEvidence(), Duration.ofMillis(50), () -> 5_000L).attach(http);
        http.start();
        base = "http://127.0.0.1:" + http.address().getPort();
        board.accept("sensor-1", ScoreBoardTest.score(1000, 5.0, null, 5.5, 5.0, 6.0, null, false, 1L,
                ScoreStatus.WARMING_UP), 900, 1000);
        board.accept("sensor-1", ScoreBoardTest.ok(2000, 9.0, 5.5, 5.4, 0.5, 0.9999, true, 1), 1900, 2000);
    }

    @AfterEach
    void stop() {
        http.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeThePageAtTheRoot() throws Exception {
        HttpResponse<String> page = get("/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.body()).contains("<canvas id=\"main-chart\"", "/dashboard/vendor/chart.umd.min.js",
                "/dashboard/dashboard.js");
    }

    @Test
    void shouldServeChartJsFromItsWebJarAndThePagesFiles() throws Exception {
        HttpResponse<String> chart = get(StaticAssets.CHART_JS);
        assertThat(chart.statusCode()).isEqualTo(200);
        assertThat(chart.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(chart.body()).startsWith("/*!").contains("Chart.js v" + StaticAssets.chartJsVersion(
                getClass().getClassLoader()));
        assertThat(get("/dashboard/dashboard.js").body()).contains("new EventSource('/dashboard/api/stream')");
        assertThat(get("/dashboard/dashboard.css").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldServeTheIconThePageNamesAndAtFaviconIco() throws Exception {
        assertThat(get("/").body()).contains("<link rel=\"icon\" href=\"/dashboard/favicon.svg\" type=\"image/svg+xml\">");
        for (String path : new String[] {"/dashboard/favicon.svg", "/favicon.ico"}) {
            HttpResponse<String> icon = get(path);
            assertThat(icon.statusCode()).as(path).isEqualTo(200);
            assertThat(icon.headers().firstValue("Content-Type")).as(path).hasValue("image/svg+xml");
            assertThat(icon.body()).as(path).startsWith("<svg ").contains("viewBox=\"0 0 32 32\"");
        }
    }

    @Test
    void shouldNotServeAnythingOutsideTheStaticFiles() throws Exception {
        assertThat(get("/dashboard/../../logback.xml").statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/missing.js").statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/vendor/other.js").statusCode()).isEqualTo(404);
        assertThat(get("/dashboard/api/snapshot?since=x").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldAnswerASnapshotAsJson() throws Exception {
        HttpResponse<String> r = get(Dashboard.SNAPSHOT_PATH);
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode s = JSON.readTree(r.body());
        assertThat(s.get("seq").asLong()).isEqualTo(2);
        assertThat(s.get("full").asBoolean()).isTrue();
        assertThat(s.get("now").asLong()).isEqualTo(5_000);
        JsonNode rows = s.get("points").get("sensor-1");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(1).toString()).isEqualTo("[2,2000,9.0,5.5,5.0,6.0,0.9999,1,1,\"OK\",null,null,[]]");
        assertThat(s.get("keys").get(0).get("key").asText()).isEqualTo("sensor-1");
        assertThat(s.get("tiles").get("flagged").asLong()).isEqualTo(1);
        assertThat(s.get("models").get("models")).isEmpty();

        JsonNode after = JSON.readTree(get(Dashboard.SNAPSHOT_PATH + "?since=2").body());
        assertThat(after.get("points").size()).isZero();
        assertThat(after.get("full").asBoolean()).isFalse();
    }

    @Test
    void shouldStreamTheBoardAsServerSentEventsAndRefuseAThirdStream() throws Exception {
        List<InputStream> open = new ArrayList<>();
        try {
            for (int i = 0; i < Dashboard.MAX_STREAMS; i++) {
                HttpResponse<InputStream> r = client.send(HttpRequest.newBuilder(URI.create(base + Dashboard.STREAM_PATH))
                        .build(), HttpResponse.BodyHandlers.ofInputStream());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.headers().firstValue("Content-Type")).hasValue("text/event-stream; charset=utf-8");
                open.add(r.body());
            }
            BufferedReader events = new BufferedReader(new InputStreamReader(open.get(0), StandardCharsets.UTF_8));
            JsonNode first = JSON.readTree(nextData(events));
            assertThat(first.get("full").asBoolean()).isTrue();
            assertThat(first.get("points").get("sensor-1")).hasSize(2);

            board.accept("sensor-2", ScoreBoardTest.ok(3000, 1.0, 1.0, 1.0, 0.5, 0.1, false, 1), 2900, 3000);
            JsonNode next;
            do {
                next = JSON.readTree(nextData(events));
            } while (next.get("seq").asLong() < 3);
            assertThat(next.get("full").asBoolean()).isFalse();
            assertThat(next.get("points").fieldNames()).toIterable().containsExactly("sensor-2");

            HttpResponse<String> refused = get(Dashboard.STREAM_PATH);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(refused.body()).get("status").asInt()).isEqualTo(503);
        } finally {
            for (InputStream in : open) {
                in.close();
            }
        }
    }

    /** The JSON of the next {@code data:} line of an event stream. */
    private static String nextData(BufferedReader events) throws IOException {
        String line;
        while ((line = events.readLine()) != null) {
            if (line.startsWith("data: ")) {
                return line.substring(6);
            }
        }
        throw new AssertionError("the event stream ended");
    }
}
