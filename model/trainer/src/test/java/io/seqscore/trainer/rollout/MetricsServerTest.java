package io.seqscore.trainer.rollout;

import io.seqscore.avro.RolloutMode;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class MetricsServerTest {
    @Test
    void shouldServeTheControllersFiguresAsPrometheusText() throws Exception {
        RolloutMetrics metrics = new RolloutMetrics("m");
        WatchState s = new WatchState();
        s.start(3, RolloutMode.CANARY, 2, 1_000L);
        s.latestEventTime = 61_000L;
        s.candidateArm.add(1, 0.5, 0.25, true);
        s.candidateArm.add(1, 1.5, 0.25, false);
        s.servingArm.add(1, 2.0, 0.5, false);
        metrics.watching(s);
        metrics.read(7);
        metrics.decided(Decision.Action.ROLL_BACK);
        try (MetricsServer server = new MetricsServer(new InetSocketAddress("127.0.0.1", 0), metrics)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.port() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
            assertThat(r.body().lines().filter(l -> !l.startsWith("#")).toList()).containsExactly(
                    "seqscore_rollout_records_read_total{model=\"m\"} 7.0",
                    "seqscore_rollout_decisions_total{model=\"m\",decision=\"promote\"} 0.0",
                    "seqscore_rollout_decisions_total{model=\"m\",decision=\"rollback\"} 1.0",
                    "seqscore_rollout_checkpoints_total{model=\"m\"} 0.0",
                    "seqscore_rollout_candidate_version{model=\"m\"} 3.0",
                    "seqscore_rollout_serving_version{model=\"m\"} 2.0",
                    "seqscore_rollout_arm_events{model=\"m\",arm=\"candidate\"} 2.0",
                    "seqscore_rollout_arm_events{model=\"m\",arm=\"serving\"} 1.0",
                    "seqscore_rollout_arm_mae{model=\"m\",arm=\"candidate\"} 1.0",
                    "seqscore_rollout_arm_mae{model=\"m\",arm=\"serving\"} 2.0",
                    "seqscore_rollout_arm_flag_rate{model=\"m\",arm=\"candidate\"} 0.5",
                    "seqscore_rollout_arm_flag_rate{model=\"m\",arm=\"serving\"} 0.0",
                    "seqscore_rollout_waited_seconds{model=\"m\"} 60.0");
        }
    }
}
