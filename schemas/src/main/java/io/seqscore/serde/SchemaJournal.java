package io.seqscore.serde;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The schemas of a {@link SchemaRegistryServer} kept in a file, one JSON line {@code {"subject":..,"schema":..}}
 * per registered version in registration order. Replaying the lines into an empty {@link MockSchemaRegistry}
 * gives every schema its id and version again, since both are assigned in registration order.
 */
final class SchemaJournal {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int STORE_ERROR = 50001;

    private final Path file;

    SchemaJournal(Path file) {
        this.file = file;
    }

    /** Registers every version the file holds into {@code registry}; a missing file holds none. */
    int replay(MockSchemaRegistry registry) throws IOException {
        if (!Files.exists(file)) {
            return 0;
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        int count = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                JsonNode line = JSON.readTree(lines.get(i));
                registry.register(line.get("subject").asText(), new Schema.Parser().parse(line.get("schema").asText()));
                count++;
            } catch (RuntimeException | IOException e) {
                throw new IOException(file + ":" + (i + 1) + ": not a registered schema: " + e.getMessage(), e);
            }
        }
        return count;
    }

    void append(RegisteredSchema version) {
        String line = JSON.createObjectNode().put("subject", version.subject()).put("schema", version.schema().toString())
                + "\n";
        try {
            Files.writeString(file, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                    StandardOpenOption.DSYNC);
        } catch (IOException e) {
            throw new SchemaRegistryException("Error in the backend data store: cannot write " + file + ": "
                    + e.getMessage(), 500, STORE_ERROR);
        }
    }
}
