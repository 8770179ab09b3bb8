package io.seqscore.app.http;

import org.apache.kafka.streams.state.HostInfo;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * Asks the instance that owns a key for it: {@code GET http://owner/api/keys/{key}} with a header naming
 * this instance, so that the owner answers from its own state and never forwards again, and the bearer token the
 * instances share when they require one.
 */
final class KeyForwarder {
    static final String FORWARDED_BY = "X-Seqscore-Forwarded-By";

    /** The owner's answer, relayed as it came. */
    record Answer(int status, String contentType, byte[] body) {
    }

    private final HttpClient client;
    private final Duration timeout;
    private final String self;

    private final BearerToken token;

    /** @param token what the owner requires ({@code Authorization: Bearer}), or null */
    KeyForwarder(Duration timeout, HostInfo self, BearerToken token) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.token = token;
        this.self = self.host() + ":" + self.port();
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    Answer forward(HostInfo owner, String key) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(owner, key))
                .timeout(timeout)
                .header(FORWARDED_BY, self)
                .GET();
        if (token != null) {
            request.header("Authorization", token.authorization());
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(Responses.JSON), response.body());
    }

    /** The key's URI at {@code owner}; the key is percent-encoded as a path segment would need. */
    static URI uri(HostInfo owner, String key) {
        try {
            return new URI("http", null, owner.host(), owner.port(), KeyEndpoint.PREFIX + key, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("cannot address key '" + key + "' at " + owner + ": " + e.getMessage(), e);
        }
    }
}
