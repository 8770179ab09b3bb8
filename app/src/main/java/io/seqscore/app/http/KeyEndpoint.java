package io.seqscore.app.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import io.seqscore.app.state.KeyStateSummary;
import io.seqscore.app.state.StateFormatException;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/**
 * {@code GET /api/keys/{key}}: the key's {@link KeyAnswer}, from whichever instance owns the key. The
 * owner comes from Kafka Streams' metadata ({@link KafkaStreams#queryMetadataForKey}); when it is this
 * instance the state is read from the local store (interactive query), otherwise the request is forwarded
 * to the owner's {@code application.server}. 404: the key has no state; 503: the owner is not known or
 * its store is not queryable now (starting, rebalancing: retry); 502: the owner did not answer.
 */
public final class KeyEndpoint implements HttpHandler {
    public static final String PREFIX = "/api/keys/";
    private static final Serializer<String> KEYS = new StringSerializer();

    private final KafkaStreams streams;
    private final String storeName;
    private final HostInfo self;
    private final String selfName;
    private final KeyForwarder forwarder;

    /**
     * @param self           this instance's {@code application.server}
     * @param forwardTimeout how long a forwarded request may take
     */
    public KeyEndpoint(KafkaStreams streams, String storeName, HostInfo self, Duration forwardTimeout) {
        this(streams, storeName, self, forwardTimeout, null);
    }

    /** @param token the bearer token the instances require, sent with forwarded queries; null for none */
    public KeyEndpoint(KafkaStreams streams, String storeName, HostInfo self, Duration forwardTimeout,
                       BearerToken token) {
        this.streams = Objects.requireNonNull(streams, "streams");
        this.storeName = Objects.requireNonNull(storeName, "storeName");
        this.self = Objects.requireNonNull(self, "self");
        this.selfName = self.host() + ":" + self.port();
        this.forwarder = new KeyForwarder(forwardTimeout, self, token);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String key = exchange.getRequestURI().getPath().substring(PREFIX.length());
        if (key.isEmpty()) {
            Responses.error(exchange, 400, "no key given: GET " + PREFIX + "{key}");
            return;
        }
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(storeName, key, KEYS);
        } catch (IllegalStateException | InvalidStateStoreException e) {
            Responses.error(exchange, 503, "Kafka Streams is not running (state " + streams.state() + ")");
            return;
        }
        if (owner == null || owner.equals(KeyQueryMetadata.NOT_AVAILABLE) || owner.activeHost() == null
                || owner.activeHost().port() < 0) {
            Responses.error(exchange, 503, "the instance owning key '" + key + "' is not known now (state "
                    + streams.state() + "); retry");
            return;
        }
        if (owner.activeHost().equals(self)) {
            answerLocally(exchange, key, owner.partition());
            return;
        }
        String forwardedBy = exchange.getRequestHeaders().getFirst(KeyForwarder.FORWARDED_BY);
        if (forwardedBy != null) {
            Responses.error(exchange, 503, "key '" + key + "' moved to " + owner.activeHost().host() + ":"
                    + owner.activeHost().port() + " while " + forwardedBy + " forwarded the query; retry");
            return;
        }
        forward(exchange, key, owner.activeHost());
    }

    private void answerLocally(HttpExchange exchange, String key, int partition) throws IOException {
        byte[] value;
        try {
            ReadOnlyKeyValueStore<String, byte[]> store = streams.store(StoreQueryParameters
                    .fromNameAndType(storeName, QueryableStoreTypes.<String, byte[]>keyValueStore())
                    .withPartition(partition));
            value = store.get(key);
        } catch (InvalidStateStoreException e) {
            Responses.error(exchange, 503, "the state of key '" + key + "' cannot be read now (" + e.getMessage()
                    + "); retry");
            return;
        }
        if (value == null) {
            Responses.error(exchange, 404, "no state for key '" + key + "'");
            return;
        }
        KeyStateSummary state;
        try {
            state = KeyStateSummary.of(value);
        } catch (StateFormatException e) {
            Responses.error(exchange, 500, "the stored state of key '" + key + "' cannot be decoded: " + e.getMessage());
            return;
        }
        Responses.json(exchange, 200, new KeyAnswer(key, partition, selfName, state));
    }

    private void forward(HttpExchange exchange, String key, HostInfo owner) throws IOException {
        KeyForwarder.Answer answer;
        try {
            answer = forwarder.forward(owner, key);
        } catch (IOException e) {
            Responses.error(exchange, 502, "the instance owning key '" + key + "' (" + owner.host() + ":" + owner.port()
                    + ") did not answer: " + e.getClass().getSimpleName());
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.error(exchange, 503, "interrupted while asking " + owner.host() + ":" + owner.port());
            return;
        }
        Responses.send(exchange, answer.status(), answer.contentType(), answer.body());
    }
}
