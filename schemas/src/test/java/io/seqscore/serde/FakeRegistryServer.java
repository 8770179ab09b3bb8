package io.seqscore.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Schema Registry on 127.0.0.1 speaking Confluent's REST API and error JSON, backed by a fresh
 * {@link MockSchemaRegistry}. Records every request; answers queued {@link Fault}s first.
 */
final class FakeRegistryServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern REGISTER = Pattern.compile("/subjects/([^/]+)/versions");
    private static final Pattern LOOKUP = Pattern.compile("/subjects/([^/]+)");
    private static final Pattern BY_ID = Pattern.compile("/schemas/ids/(\\d+)");
    private static final Pattern BY_GUID = Pattern.compile("/schemas/guids/([0-9a-f-]{36})");
    private static final Pattern LATEST = Pattern.compile("/subjects/([^/]+)/versions/latest");
    private static final Pattern COMPATIBILITY = Pattern.compile("/compatibility/subjects/([^/]+)/versions/latest");

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

    private final HttpServer server;
    private final java.util.concurrent.ExecutorService executor;
    private final String scope = "fake-" + UUID.randomUUID();
    private final MockSchemaRegistry backing = MockSchemaRegistry.scope(scope);
    private final List<Request> requests = new ArrayList<>();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private volatile String requiredAuthorization;

    FakeRegistryServer() throws IOException {
        this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    FakeRegistryServer(HttpServer server) {
        this.server = server;
        this.executor = java.util.concurrent.Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        String scheme = server instanceof com.sun.net.httpserver.HttpsServer ? "https" : "http";
        return scheme + "://127.0.0.1:" + server.getAddress().getPort();
    }

    MockSchemaRegistry backing() {
        return backing;
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
        server.stop(0);
        executor.shutdownNow();
        MockSchemaRegistry.dropScope(scope);
    }

    private void handle(HttpExchange ex) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Fault fault;
        synchronized (this) {
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getRawPath(), ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders().getFirst("Content-Type"), ex.getRequestHeaders().getFirst("Authorization"), body));
            fault = faults.poll();
        }
        try (ex) {
            if (fault != null) {
                if (fault.dropConnection()) {
                    return;
                }
                if (fault.delayMillis() > 0) {
                    sleep(fault.delayMillis());
                } else {
                    send(ex, fault.status(), fault.body());
                    return;
                }
            }
            String auth = requiredAuthorization;
            if (auth != null && !auth.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, "{\"error_code\":401,\"message\":\"Unauthorized\"}");
                return;
            }
            route(ex, body);
        }
    }

    private void route(HttpExchange ex, String body) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod();
        Matcher m;
        try {
            ObjectNode out = JSON.createObjectNode();
            if (method.equals("POST") && (m = COMPATIBILITY.matcher(path)).matches()) {
                CompatibilityResult r = backing.testCompatibility(subject(m), schemaOf(body));
                out.put("is_compatible", r.compatible());
                if ("verbose=true".equals(ex.getRequestURI().getRawQuery())) {
                    r.messages().forEach(out.putArray("messages")::add);
                }
            } else if (method.equals("POST") && (m = REGISTER.matcher(path)).matches()) {
                out.put("id", backing.register(subject(m), schemaOf(body)));
            } else if (method.equals("POST") && (m = LOOKUP.matcher(path)).matches()) {
                Schema schema = schemaOf(body);
                int id = backing.idOf(subject(m), schema);
                out.put("subject", subject(m)).put("id", id).put("version", 1).put("schema", schema.toString());
            } else if (method.equals("GET") && (m = BY_ID.matcher(path)).matches()) {
                out.put("schema", backing.schemaById(Integer.parseInt(m.group(1))).toString());
            } else if (method.equals("GET") && (m = BY_GUID.matcher(path)).matches()) {
                out.put("schema", backing.schemaByGuid(java.util.UUID.fromString(m.group(1))).toString());
            } else if (method.equals("GET") && (m = LATEST.matcher(path)).matches()) {
                RegisteredSchema latest = backing.latest(subject(m));
                out.put("subject", latest.subject()).put("id", latest.id()).put("version", latest.version())
                        .put("schema", latest.schema().toString());
            } else {
                send(ex, 404, "{\"error_code\":404,\"message\":\"HTTP 404 Not Found\"}");
                return;
            }
            send(ex, 200, JSON.writeValueAsString(out));
        } catch (SchemaRegistryException e) {
            ObjectNode err = JSON.createObjectNode().put("error_code", e.errorCode()).put("message", e.getMessage());
            send(ex, e.status(), JSON.writeValueAsString(err));
        } catch (SchemaParseException e) {
            send(ex, 422, JSON.writeValueAsString(JSON.createObjectNode().put("error_code", 42201)
                    .put("message", "Invalid schema: " + e.getMessage())));
        }
    }

    private static String subject(Matcher m) {
        return URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    }

    private static Schema schemaOf(String body) throws IOException {
        JsonNode node = JSON.readTree(body);
        return new Schema.Parser().parse(node.get("schema").asText());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/vnd.schemaregistry.v1+json");
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
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
