package io.seqscore.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.seqscore.app.metrics.ServiceMetrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/** {@code /metrics}: every meter in the Prometheus text format. */
public final class MetricsEndpoint implements HttpHandler {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final ServiceMetrics metrics;

    public MetricsEndpoint(ServiceMetrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Responses.send(exchange, 200, CONTENT_TYPE, metrics.scrape().getBytes(StandardCharsets.UTF_8));
    }
}
