package io.seqscore.serde;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A {@link SchemaRegistryServer} on 127.0.0.1 that records every request and answers queued {@link Fault}s
 * first, optionally requiring one exact Authorization header.
 */
final class FakeRegistryServer implements AutoCloseable {

    /** One request as the server saw it. */
    record Request(String method, String rawPath, String query, String contentType, String authorization, String body) {
    }

    /** What the server does instead of answering the next request. */
    record Fault(int status, String body, long delayMillis, boolean dropConnection) {
        static Fault status(int status, int errorCode, String message) {
            return new Fault(status, "{\"error_code\":" + errorCode + ",\"message\":\"" + message + "\"}", 0, false);
        }

        static Fault raw(int status, String body) {
            return new Fault(status, body, 0, false);
        }

        static Fault drop() {
            return new Fault(0, null, 0, true);
        }

        static Fault delay(long millis) {
            return new Fault(0, null, millis, false);
        }
    }

    private final SchemaRegistryServer server;
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private volatile String requiredAuthorization;

    FakeRegistryServer() throws IOException {
        this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    FakeRegistryServer(HttpServer http) throws IOException {
        server = SchemaRegistryServer.start(http, null, List.of(new Interceptor()));
    }

    String url() {
        return server.url();
    }

    MockSchemaRegistry backing() {
        return server.registry();
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    synchronized void fail(Fault... next) {
        faults.addAll(List.of(next));
    }

    /** Requests without exactly this Authorization header get 401. */
    void requireAuthorization(String header) {
        requiredAuthorization = header;
    }

    @Override
    public void close() {
        server.close();
    }

    private final class Interceptor extends Filter {
        @Override
        public void doFilter(HttpExchange ex, Chain chain) throws IOException {
            byte[] bytes = ex.getRequestBody().readAllBytes();
            ex.setStreams(new ByteArrayInputStream(bytes), ex.getResponseBody());
            Fault fault;
            synchronized (FakeRegistryServer.this) {
                requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                        ex.getRequestURI().getRawQuery(), ex.getRequestHeaders().getFirst("Content-Type"),
                        ex.getRequestHeaders().getFirst("Authorization"), new String(bytes, StandardCharsets.UTF_8)));
                fault = faults.poll();
            }
            if (fault != null && fault.dropConnection()) {
                ex.close();
                return;
            }
            if (fault != null && fault.delayMillis() > 0) {
                sleep(fault.delayMillis());
            } else if (fault != null) {
                try (ex) {
                    RegistryRoutes.send(ex, fault.status(), fault.body());
                }
                return;
            }
            String auth = requiredAuthorization;
            if (auth != null && !auth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                try (ex) {
                    RegistryRoutes.send(ex, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
                }
                return;
            }
            chain.doFilter(ex);
        }

        @Override
        public String description() {
            return "records requests, answers queued faults, checks the Authorization header";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
