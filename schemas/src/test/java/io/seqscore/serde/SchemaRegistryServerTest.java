package io.seqscore.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.seqscore.avro.Event;
import io.seqscore.avro.Score;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SchemaRegistryServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Schema V1 = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredLong("a").endRecord();
    private static final Schema V2 = SchemaBuilder.record("Thing").namespace("t").fields()
            .requiredLong("a").name("b").type().stringType().stringDefault("x").endRecord();

    @TempDir
    Path dir;

    @Test
    void shouldKeepIdsAndVersionsAcrossRestartsWithAJournal() throws Exception {
        Path journal = dir.resolve("schemas.jsonl");
        int eventId;
        int thingV2;
        try (SchemaRegistryServer server = start(journal)) {
            SchemaRegistryClient client = client(server);
            eventId = client.register("events-value", Event.getClassSchema());
            client.register("thing-value", V1);
            thingV2 = client.register("thing-value", V2);
            assertThat(client.register("thing-value", V2)).isEqualTo(thingV2);
        }
        try (SchemaRegistryServer server = start(journal)) {
            SchemaRegistryClient client = client(server);
            assertThat(client.schemaById(eventId)).isEqualTo(Event.getClassSchema());
            assertThat(client.latest("thing-value").version()).isEqualTo(2);
            assertThat(client.latest("thing-value").id()).isEqualTo(thingV2);
            assertThat(client.register("scores-value", Score.getClassSchema())).isGreaterThan(thingV2);
            assertThat(get(server, "/subjects")).hasToString("[\"events-value\",\"scores-value\",\"thing-value\"]");
        }
    }

    @Test
    void shouldForgetSchemasWithoutAJournal() throws Exception {
        try (SchemaRegistryServer server = start(null)) {
            client(server).register("thing-value", V1);
        }
        try (SchemaRegistryServer server = start(null)) {
            assertThat(get(server, "/subjects")).isEmpty();
        }
    }

    @Test
    void shouldAnswerConfluentsVersionSchemaAndConfigPaths() throws Exception {
        try (SchemaRegistryServer server = start(null)) {
            SchemaRegistryClient client = client(server);
            int id1 = client.register("thing-value", V1);
            int id2 = client.register("thing-value", V2);

            assertThat(get(server, "/subjects/thing-value/versions")).hasToString("[1,2]");
            JsonNode first = get(server, "/subjects/thing-value/versions/1");
            assertThat(first.get("id").asInt()).isEqualTo(id1);
            assertThat(first.get("version").asInt()).isEqualTo(1);
            assertThat(new Schema.Parser().parse(first.get("schema").asText())).isEqualTo(V1);
            assertThat(new Schema.Parser().parse(get(server, "/subjects/thing-value/versions/latest/schema").toString()))
                    .isEqualTo(V2);
            assertThat(new Schema.Parser().parse(get(server, "/schemas/ids/" + id2 + "/schema").toString()))
                    .isEqualTo(V2);
            assertThat(client.idOf("thing-value", V1)).isEqualTo(id1);
            assertThat(get(server, "/config").get("compatibilityLevel").asText()).isEqualTo("BACKWARD");

            assertThat(send(server, "GET", "/subjects/thing-value/versions/3", null))
                    .containsEntry("status", 404).containsEntry("error_code", SchemaRegistryException.VERSION_NOT_FOUND);
            assertThat(send(server, "PUT", "/config", "{\"compatibility\":\"BACKWARD\"}")).containsEntry("status", 200);
            assertThat(send(server, "PUT", "/config", "{\"compatibility\":\"NONE\"}"))
                    .containsEntry("status", 422).containsEntry("error_code", 42203);
            assertThat(send(server, "POST", "/subjects/thing-value/versions", "{\"schema\":\"{not avro\"}"))
                    .containsEntry("status", 422).containsEntry("error_code", SchemaRegistryException.INVALID_SCHEMA);
            assertThat(send(server, "GET", "/nowhere", null)).containsEntry("status", 404);
        }
    }

    @Test
    void shouldRefuseAnIncompatibleSchemaAndSayWhyWhenAskedVerbosely() throws Exception {
        Schema breaking = SchemaBuilder.record("Thing").namespace("t").fields().requiredLong("a")
                .requiredString("c").endRecord();
        try (SchemaRegistryServer server = start(null)) {
            SchemaRegistryClient client = client(server);
            client.register("thing-value", V1);
            assertThat(client.testCompatibility("thing-value", breaking).compatible()).isFalse();
            assertThat(client.testCompatibility("thing-value", V2).compatible()).isTrue();
            assertThatThrownBy(() -> client.register("thing-value", breaking))
                    .isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.status()).isEqualTo(409));
        }
    }

    private static SchemaRegistryServer start(Path journal) throws IOException {
        return SchemaRegistryServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), journal);
    }

    private static SchemaRegistryClient client(SchemaRegistryServer server) {
        return SchemaRegistryClients.fromConfig(new AvroSerdeConfig(Map.of("schema.registry.url", server.url())));
    }

    private static JsonNode get(SchemaRegistryServer server, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body().startsWith("[") || r.body().startsWith("{") ? JSON.readTree(r.body()) : JSON.getNodeFactory()
                .textNode(r.body());
    }

    private static Map<String, Integer> send(SchemaRegistryServer server, String method, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path))
                .header("Content-Type", "application/vnd.schemaregistry.v1+json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode node = JSON.readTree(r.body());
        return Map.of("status", r.statusCode(), "error_code", node.has("error_code") ? node.get("error_code").asInt() : 0);
    }
}
