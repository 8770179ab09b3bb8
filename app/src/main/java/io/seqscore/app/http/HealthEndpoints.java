package io.seqscore.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import org.apache.kafka.streams.KafkaStreams;

import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /health/live} and {@code /health/ready}, from the Kafka Streams client's state. Live: 200 unless
 * the client failed (ERROR or PENDING_ERROR). Ready: 200 only when RUNNING (not while starting,
 * rebalancing, restoring state or shutting down). Both answer {@code {"status": "UP"|"DOWN", "state": ...}},
 * 503 when DOWN.
 */
public final class HealthEndpoints {
    public static final String LIVE_PATH = "/health/live";
    public static final String READY_PATH = "/health/ready";
    /** The paths that stay open when the endpoint requires a bearer token (probes carry no credentials). */
    public static final Set<String> PATHS = Set.of(LIVE_PATH, READY_PATH);

    /** The body of a health answer. */
    record Health(String status, String state) {
    }

    private final Supplier<KafkaStreams.State> state;

    public HealthEndpoints(Supplier<KafkaStreams.State> state) {
        this.state = Objects.requireNonNull(state, "state");
    }

    public HttpHandler live() {
        return exchange -> {
            KafkaStreams.State s = state.get();
            boolean up = s != KafkaStreams.State.ERROR && s != KafkaStreams.State.PENDING_ERROR;
            answer(exchange, up, s);
        };
    }

    public HttpHandler ready() {
        return exchange -> {
            KafkaStreams.State s = state.get();
            answer(exchange, s == KafkaStreams.State.RUNNING, s);
        };
    }

    private static void answer(HttpExchange exchange, boolean up, KafkaStreams.State s) throws IOException {
        Responses.json(exchange, up ? 200 : 503, new Health(up ? "UP" : "DOWN", s.name()));
    }
}
