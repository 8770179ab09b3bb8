package io.seqscore.app.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.LongFunction;

/**
 * {@code GET /dashboard/api/stream}: server-sent events. The first event holds every point the board has
 * ({@code full}), each later one (every tick) the points added since, with the ranking, tiles and models.
 * A stream occupies one of the HTTP endpoint's threads until the browser goes away or the endpoint
 * closes, so at most {@code maxStreams} run at once; a further one is refused with 503 and the page falls
 * back to polling {@code /dashboard/api/snapshot}.
 */
final class EventStream implements HttpHandler {
    static final String PATH = "/dashboard/api/stream";
    private static final byte[] RETRY = "retry: 2000\n\n".getBytes(StandardCharsets.US_ASCII);

    private final LongFunction<DashboardSnapshot> snapshots;
    private final Duration tick;
    private final Semaphore streams;

    /** @param snapshots the snapshot of the points after a sequence number */
    EventStream(LongFunction<DashboardSnapshot> snapshots, Duration tick, int maxStreams) {
        this.snapshots = snapshots;
        this.tick = tick;
        this.streams = new Semaphore(maxStreams);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        if ("HEAD".equals(exchange.getRequestMethod())) {
            HttpReplies.send(exchange, 200, "text/event-stream", "no-store", new byte[0]);
            return;
        }
        if (!streams.tryAcquire()) {
            HttpReplies.error(exchange, 503, "too many dashboard streams open; poll " + Dashboard.SNAPSHOT_PATH);
            return;
        }
        try {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write(RETRY);
            long since = 0;
            while (!Thread.currentThread().isInterrupted()) {
                DashboardSnapshot s = snapshots.apply(since);
                out.write(frame(HttpReplies.JSON.writeValueAsBytes(s)));
                out.flush();
                since = s.seq();
                Thread.sleep(tick.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the browser went away
        } finally {
            streams.release();
        }
    }

    /** One SSE event: {@code data: JSON} and a blank line (JSON from Jackson has no raw line breaks). */
    static byte[] frame(byte[] json) {
        byte[] out = new byte[6 + json.length + 2];
        System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, out, 0, 6);
        System.arraycopy(json, 0, out, 6, json.length);
        out[out.length - 2] = '\n';
        out[out.length - 1] = '\n';
        return out;
    }
}
