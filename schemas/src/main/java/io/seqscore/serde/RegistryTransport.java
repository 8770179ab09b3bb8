package io.seqscore.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * HTTP to a list of Schema Registry URLs with fail-over and bounded retries.
 *
 * <p>A request goes to the URL that last answered; on an I/O error, a time-out, or a 5xx/408/429
 * status it fails over to the next URL. When every URL failed, it waits
 * {@code min(retryWait·2^round, retryMaxWait)} and goes round again, at most {@code maxRetries} more
 * times: at most {@code (maxRetries + 1) · urls} attempts in all. Any other 4xx is the registry's
 * answer to the request and is thrown at once. URLs are kept without their user-info, so nothing built
 * from them (messages, logs) can carry credentials; those live only in the Authorization headers.
 */
final class RegistryTransport {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);
    static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    static final String ACCEPT = "application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json; qs=0.9,"
            + " application/json; qs=0.5";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The most characters of a registry's error text an exception carries (a 409 can quote a whole schema). */
    static final int MAX_ECHOED_TEXT = 300;

    /** How requests authenticate. */
    enum CredentialsSource { NONE, URL, USER_INFO }

    private final HttpClient http;
    private final URI[] bases;
    private final String[] authorization;
    private final int maxRetries;
    private final long retryWaitMs;
    private final long retryMaxWaitMs;
    private final Duration readTimeout;
    private volatile int preferred;

    /**
     * @param urls     registry base URLs (http or https, optionally with a path prefix)
     * @param source   where Basic credentials come from: nowhere, each URL's user-info, or {@code userInfo}
     * @param userInfo {@code user:password} for {@link CredentialsSource#USER_INFO}
     * @param ssl      TLS context for https URLs, or null for the JDK default
     */
    RegistryTransport(List<String> urls, CredentialsSource source, String userInfo, SSLContext ssl, int maxRetries,
                      long retryWaitMs, long retryMaxWaitMs, Duration connectTimeout, Duration readTimeout) {
        if (urls.isEmpty()) {
            throw new ConfigException("schema.registry.url must name at least one Schema Registry URL");
        }
        if (source == CredentialsSource.USER_INFO && (userInfo == null || userInfo.isEmpty())) {
            throw new ConfigException("basic.auth.user.info must be set when basic.auth.credentials.source is USER_INFO");
        }
        this.bases = new URI[urls.size()];
        this.authorization = new String[urls.size()];
        for (int i = 0; i < bases.length; i++) {
            URI uri = parse(urls.get(i), i);
            bases[i] = withoutUserInfo(uri);
            authorization[i] = switch (source) {
                case NONE -> null;
                case URL -> uri.getUserInfo() == null ? null : basic(uri.getUserInfo());
                case USER_INFO -> basic(userInfo);
            };
        }
        this.maxRetries = maxRetries;
        this.retryWaitMs = retryWaitMs;
        this.retryMaxWaitMs = retryMaxWaitMs;
        this.readTimeout = readTimeout;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        this.http = builder.build();
    }

    /** The base URLs as requests use them (no user-info). */
    List<URI> baseUrls() {
        return List.of(bases);
    }

    /**
     * Sends one request and returns the parsed JSON body of a 2xx answer.
     *
     * @param path     absolute path below the base URL, already percent-encoded
     * @param jsonBody request body, or null for none
     * @throws SchemaRegistryException on a non-2xx answer, or when no URL answered within the retries
     */
    JsonNode send(String method, String path, String jsonBody) {
        int n = bases.length;
        String lastFailure = "no attempt";
        int lastStatus = SchemaRegistryException.NO_RESPONSE;
        int lastCode = SchemaRegistryException.NO_RESPONSE;
        Throwable lastCause = null;
        for (int round = 0; round <= maxRetries; round++) {
            if (round > 0) {
                sleep(backoffMs(round - 1), method, path);
            }
            int start = preferred;
            for (int i = 0; i < n; i++) {
                int index = (start + i) % n;
                URI uri = URI.create(bases[index] + path);
                HttpResponse<String> response;
                try {
                    response = http.send(request(method, uri, jsonBody, authorization[index]),
                            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    lastFailure = method + " " + uri + " failed: " + describe(e);
                    lastStatus = SchemaRegistryException.NO_RESPONSE;
                    lastCode = SchemaRegistryException.NO_RESPONSE;
                    lastCause = e;
                    LOG.warn("Schema Registry request {} (attempt {} of {})", lastFailure,
                            round * n + i + 1, (maxRetries + 1) * n);
                    continue;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new SchemaRegistryException("Interrupted during " + method + " " + uri, e);
                }
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    preferred = index;
                    return parseBody(response.body(), method, uri, status);
                }
                SchemaRegistryException error = errorOf(status, response.body(), method, uri);
                if (!SchemaRegistryException.isRetryableStatus(status)) {
                    throw error;
                }
                lastFailure = error.getMessage();
                lastStatus = status;
                lastCode = error.errorCode();
                lastCause = null;
                LOG.warn("{} (attempt {} of {})", lastFailure, round * n + i + 1, (maxRetries + 1) * n);
            }
        }
        String message = "Schema Registry unavailable: no success after " + (maxRetries + 1) * n + " attempts over "
                + n + (n == 1 ? " URL" : " URLs") + "; last: " + lastFailure;
        if (lastStatus == SchemaRegistryException.NO_RESPONSE) {
            throw new SchemaRegistryException(message, lastCause);
        }
        throw new SchemaRegistryException(message, lastStatus, lastCode);
    }

    long backoffMs(int retry) {
        long wait = retryWaitMs << Math.min(retry, 30);
        return Math.min(wait < 0 ? Long.MAX_VALUE : wait, retryMaxWaitMs);
    }

    private HttpRequest request(String method, URI uri, String jsonBody, String auth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(readTimeout)
                .header("Accept", ACCEPT)
                .method(method, jsonBody == null
                        ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(jsonBody, StandardCharsets.UTF_8));
        if (jsonBody != null) {
            b.header("Content-Type", CONTENT_TYPE);
        }
        if (auth != null) {
            b.header("Authorization", auth);
        }
        return b.build();
    }

    private static JsonNode parseBody(String body, String method, URI uri, int status) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema Registry answered " + status + " to " + method + " " + uri
                    + " with a body that is not JSON: " + capped(body), status, SchemaRegistryException.NO_RESPONSE);
        }
    }

    static SchemaRegistryException errorOf(int status, String body, String method, URI uri) {
        int code = status;
        String message = body;
        try {
            JsonNode node = JSON.readTree(body);
            if (node != null && node.isObject()) {
                code = node.path("error_code").asInt(status);
                message = node.path("message").asText(body);
            }
        } catch (IOException notJson) {
            // the body is echoed as it is
        }
        return new SchemaRegistryException("Schema Registry answered " + status + " (error " + code + ") to "
                + method + " " + uri + ": " + capped(message), status, code);
    }

    private void sleep(long ms, String method, String path) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted while waiting to retry " + method + " " + path, e);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null || m.isEmpty() ? "" : ": " + m);
    }

    /**
     * A registry's text on one line, at most {@link #MAX_ECHOED_TEXT} characters of it, then an ellipsis
     * and the full length: e.g. {@code Schema being registered is incompatible ... {"type":"rec… (4211 chars)}.
     */
    static String capped(String text) {
        if (text == null || text.isBlank()) {
            return "(empty body)";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        if (oneLine.length() <= MAX_ECHOED_TEXT) {
            return oneLine;
        }
        int end = Character.isHighSurrogate(oneLine.charAt(MAX_ECHOED_TEXT - 1)) ? MAX_ECHOED_TEXT - 1 : MAX_ECHOED_TEXT;
        return oneLine.substring(0, end) + "\u2026 (" + oneLine.length() + " chars)";
    }

    private static URI parse(String url, int index) {
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
                throw new URISyntaxException("", "");
            }
            return uri;
        } catch (URISyntaxException e) {
            // the value is not echoed: it may hold credentials
            throw new ConfigException("entry " + (index + 1) + " of schema.registry.url is not an http(s) URL with a host");
        }
    }

    private static URI withoutUserInfo(URI uri) {
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return URI.create(uri.getScheme().toLowerCase() + "://" + hostPart(uri) + path);
    }

    private static String hostPart(URI uri) {
        String host = uri.getHost();
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    private static String basic(String userInfo) {
        return "Basic " + Base64.getEncoder().encodeToString(userInfo.getBytes(StandardCharsets.UTF_8));
    }
}
