package io.seqscore.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scorer's HTTP endpoint on the JDK's {@link HttpServer}: read-only GET routes answered as JSON or
 * text, exact paths and one path prefix per route, errors as JSON ({@link Responses#error}), optionally behind a
 * bearer token ({@link #requireBearerToken}). It is bound as soon as it is created (so the port is known before
 * Kafka Streams is told its {@code application.server}) and serves once {@link #start()}ed.
 */
public final class HttpApi implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
    static final int THREADS = 4;

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, HttpHandler> exact = new LinkedHashMap<>();
    private final Map<String, HttpHandler> prefixes = new LinkedHashMap<>();
    private BearerToken token;
    private Set<String> openPaths = Set.of();
    private boolean closed;

    private HttpApi(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Binds to {@code address:port} (port 0: a free port) without serving yet. */
    public static HttpApi bind(String address, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName(address), port), 0);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "seqscore-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        HttpApi api = new HttpApi(server, executor);
        server.createContext("/", api::dispatch);
        return api;
    }

    /** Answers GET (and HEAD) requests for exactly {@code path}. */
    public synchronized HttpApi route(String path, HttpHandler handler) {
        exact.put(path, handler);
        return this;
    }

    /** Answers GET (and HEAD) requests for every path that starts with {@code prefix}. */
    public synchronized HttpApi routePrefix(String prefix, HttpHandler handler) {
        prefixes.put(prefix, handler);
        return this;
    }

    /**
     * From now on every request must carry {@code token} ({@code Authorization: Bearer ...}) except those for
     * exactly one of {@code openPaths}; others get 401 with {@code WWW-Authenticate: Bearer}, whatever the path or
     * method, before any handler runs.
     */
    public synchronized HttpApi requireBearerToken(BearerToken token, Set<String> openPaths) {
        this.token = Objects.requireNonNull(token, "token");
        this.openPaths = Set.copyOf(openPaths);
        return this;
    }

    public void start() {
        server.start();
    }

    /** The bound address and port. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorized(exchange)) {
                return;
            }
            String method = exchange.getRequestMethod();
            if (!"GET".equals(method) && !"HEAD".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                Responses.error(exchange, 405, "method " + method + " is not allowed; use GET");
                return;
            }
            HttpHandler handler = handlerFor(exchange.getRequestURI().getPath());
            if (handler == null) {
                Responses.error(exchange, 404, "no such endpoint: " + exchange.getRequestURI().getPath());
                return;
            }
            try {
                handler.handle(exchange);
            } catch (IOException e) {
                throw e;
            } catch (RuntimeException e) {
                LOG.warn("HTTP {} {} failed", method, exchange.getRequestURI().getPath(), e);
                if (exchange.getResponseCode() == -1) {
                    Responses.error(exchange, 500, "internal error: " + e.getClass().getSimpleName());
                }
            }
        }
    }

    /** True when the request may go on; otherwise it has been answered 401. */
    private boolean authorized(HttpExchange exchange) throws IOException {
        BearerToken required;
        Set<String> open;
        synchronized (this) {
            required = token;
            open = openPaths;
        }
        if (required == null || open.contains(exchange.getRequestURI().getPath())) {
            return true;
        }
        String presented = exchange.getRequestHeaders().getFirst("Authorization");
        if (required.permits(presented)) {
            return true;
        }
        String challenge = BearerToken.SCHEME + " realm=\"seqscore\"";
        exchange.getResponseHeaders().set("WWW-Authenticate", presented == null ? challenge
                : challenge + ", error=\"invalid_token\"");
        Responses.error(exchange, 401, presented == null ? "this endpoint requires a bearer token"
                : "the bearer token is not valid");
        return false;
    }

    private synchronized HttpHandler handlerFor(String path) {
        HttpHandler handler = exact.get(path);
        if (handler != null) {
            return handler;
        }
        for (Map.Entry<String, HttpHandler> e : prefixes.entrySet()) {
            if (path.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Stops accepting and drops open exchanges; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.stop(0);
        executor.shutdownNow();
    }
}
