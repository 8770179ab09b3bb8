package io.seqscore.app.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.OutputStream;

/** Writing HTTP responses: JSON bodies (Jackson), errors as {@code {"status": 404, "error": "..."}}, text. */
final class Responses {
    static final String JSON = "application/json";
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** The body of every error response. */
    record ApiError(int status, String error) {
    }

    private Responses() {
    }

    static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, JSON, MAPPER.writeValueAsBytes(body));
    }

    static void error(HttpExchange exchange, int status, String message) throws IOException {
        json(exchange, status, new ApiError(status, message));
    }

    static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }
}
