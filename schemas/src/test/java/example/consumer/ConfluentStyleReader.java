package example.consumer;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A consumer that knows nothing of seqscore's code, run in a child JVM by {@code FreshJvmTrustTest}: it
 * reads an Avro body into the generated class its writer schema names, the way Confluent's
 * {@code AbstractKafkaAvroDeserializer} does with {@code specific.avro.reader=true}
 * ({@code SpecificData.get().getClass(writerSchema)}, the class's {@code getSchema()} as the reader
 * schema, a {@code SpecificDatumReader}). It touches no seqscore class before that resolution, and no
 * flag is passed to its JVM. It also tries a class of an untrusted package, {@link Gadget}.
 *
 * <p>Arguments: the writer schema's JSON file, the Avro body's file. Prints {@code key=value} lines.
 */
public final class ConfluentStyleReader {
    private ConfluentStyleReader() {
    }

    public static void main(String[] args) throws Exception {
        Schema writer = new Schema.Parser().parse(Files.readString(Path.of(args[0])));
        byte[] body = Files.readAllBytes(Path.of(args[1]));
        Class<?> readerClass = SpecificData.get().getClass(writer);
        Schema reader = ((SpecificRecord) readerClass.getConstructor().newInstance()).getSchema();
        Object record = new SpecificDatumReader<>(writer, reader)
                .read(null, DecoderFactory.get().binaryDecoder(body, null));
        System.out.println("class=" + record.getClass().getName());
        System.out.println("record=" + record);
        System.out.println("untrusted=" + resolveUntrusted());
        System.out.println("avro=" + Path.of(Schema.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getFileName());
    }

    private static String resolveUntrusted() {
        Schema gadget = SchemaBuilder.record(Gadget.class.getSimpleName()).namespace(Gadget.class.getPackageName())
                .fields().endRecord();
        try {
            return SpecificData.get().getClass(gadget) == Gadget.class ? "loaded" : "absent";
        } catch (SecurityException refused) {
            return "refused";
        }
    }
}
