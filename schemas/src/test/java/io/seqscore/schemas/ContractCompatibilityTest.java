package io.seqscore.schemas;

import io.seqscore.avro.Event;
import io.seqscore.avro.ModelRelease;
import io.seqscore.avro.Score;
import io.seqscore.avro.ShadowScore;
import org.apache.avro.JsonProperties;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Holds every contract BACKWARD compatible with each of its released versions (kept as
 * {@code released/<Name>-v<N>.avsc} under test resources, never edited once released): the current
 * generated class must read whatever an earlier producer wrote. Also lints the contracts: every type
 * and field documented, every optional (nullable) field defaulted.
 */
class ContractCompatibilityTest {
    private static final Pattern RELEASED = Pattern.compile("(\\w+)-v(\\d+)\\.avsc");
    private static final List<Schema> CONTRACTS = List.of(
            Event.getClassSchema(), Score.getClassSchema(), ShadowScore.getClassSchema(), ModelRelease.getClassSchema());

    static Stream<Arguments> releasedVersions() throws IOException, URISyntaxException {
        URL dir = ContractCompatibilityTest.class.getResource("/released");
        List<Arguments> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            for (Path file : files.sorted().toList()) {
                Matcher m = RELEASED.matcher(file.getFileName().toString());
                assertThat(m.matches()).as("released file name %s", file.getFileName()).isTrue();
                out.add(Arguments.of(m.group(1), Integer.parseInt(m.group(2))));
            }
        }
        return out.stream();
    }

    /** ShadowScore refers to Score: released files are parsed with their version's Score known. */
    static Schema released(String name, int version) throws IOException {
        Schema.Parser parser = new Schema.Parser();
        if (name.equals("ShadowScore")) {
            parse(parser, "Score", version);
        }
        return parse(parser, name, version);
    }

    private static Schema parse(Schema.Parser parser, String name, int version) throws IOException {
        try (InputStream in = ContractCompatibilityTest.class.getResourceAsStream("/released/" + name + "-v" + version + ".avsc")) {
            assertThat(in).as("released/%s-v%d.avsc", name, version).isNotNull();
            return parser.parse(in);
        }
    }

    private static Schema current(String name) {
        return CONTRACTS.stream().filter(s -> s.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no current contract named " + name));
    }

    @ParameterizedTest(name = "{0} reads {0}-v{1}")
    @MethodSource("releasedVersions")
    void currentContractReadsEveryReleasedVersion(String name, int version) throws IOException {
        SchemaCompatibility.SchemaPairCompatibility check =
                SchemaCompatibility.checkReaderWriterCompatibility(current(name), released(name, version));
        assertThat(check.getType()).as(check.getDescription()).isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void everyContractHasAReleasedFirstVersion() throws IOException, URISyntaxException {
        Set<String> released = new HashSet<>();
        releasedVersions().forEach(a -> released.add((String) a.get()[0]));
        assertThat(released).containsExactlyInAnyOrder("Event", "Score", "ShadowScore", "ModelRelease");
    }

    /** The guard itself: a field added without a default is caught. */
    @Test
    void aFieldAddedWithoutDefaultBreaksBackwardCompatibility() throws IOException {
        Schema v1 = released("Event", 1);
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field f : v1.getFields()) {
            fields.add(new Schema.Field(f, f.schema()));
        }
        fields.add(new Schema.Field("unit", Schema.create(Schema.Type.STRING), "no default", (Object) null));
        Schema broken = Schema.createRecord("Event", v1.getDoc(), v1.getNamespace(), false, fields);

        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(broken, v1).getType())
                .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    void everyTypeAndFieldIsDocumentedAndEveryNullableFieldDefaultsToNull() {
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Schema contract : CONTRACTS) {
            lint(contract, seen, problems);
        }
        assertThat(problems).isEmpty();
    }

    private static void lint(Schema schema, Set<String> seen, List<String> problems) {
        switch (schema.getType()) {
            case RECORD -> {
                if (!seen.add(schema.getFullName())) {
                    return;
                }
                requireDoc(schema.getDoc(), schema.getFullName(), problems);
                for (Schema.Field f : schema.getFields()) {
                    String where = schema.getName() + "." + f.name();
                    requireDoc(f.doc(), where, problems);
                    if (f.schema().isNullable() && (!f.hasDefaultValue() || f.defaultVal() != JsonProperties.NULL_VALUE)) {
                        problems.add(where + " is nullable but does not default to null");
                    }
                    lint(f.schema(), seen, problems);
                }
            }
            case ENUM -> {
                if (seen.add(schema.getFullName())) {
                    requireDoc(schema.getDoc(), schema.getFullName(), problems);
                    if (schema.getEnumDefault() == null) {
                        problems.add(schema.getFullName() + " has no enum default for symbols added later");
                    }
                }
            }
            case ARRAY -> lint(schema.getElementType(), seen, problems);
            case MAP -> lint(schema.getValueType(), seen, problems);
            case UNION -> schema.getTypes().forEach(t -> lint(t, seen, problems));
            default -> {
            }
        }
    }

    private static void requireDoc(String doc, String where, List<String> problems) {
        if (doc == null || doc.isBlank()) {
            problems.add(where + " has no doc");
        }
    }
}
