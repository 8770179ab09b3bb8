package io.seqscore.serde;

import org.apache.avro.Schema;

/**
 * Lets Avro load seqscore's generated contract classes by name. Since 1.12.2 Avro refuses to load a
 * class named by a schema unless it is trusted ({@code org.apache.avro.util.ClassSecurityValidator},
 * a defence against schemas that name gadget classes), and resolving a writer schema to its generated
 * class, as every specific reader does, is such a load. This adds a trust for the classes of the
 * package {@code io.seqscore.avro} to whatever Avro trusts already; other generated classes are trusted
 * the Avro way, with the system property {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
 *
 * <p>It runs without any call or flag: Avro builds every data model ({@code GenericData},
 * {@code SpecificData}) after loading the {@code org.apache.avro.Conversion}s listed under
 * {@code META-INF/services}, and this module lists {@link ContractTrustConversion}, which calls
 * {@link #trustContracts()}. So a reader that resolves {@code io.seqscore.avro.Score} by name in a fresh
 * JVM (Confluent's {@code KafkaAvroDeserializer} with {@code specific.avro.reader=true}) finds it
 * trusted. The serdes and every generated class (its static initializer, the one addition to Avro's
 * code template {@code schemas/src/main/avro-templates/record.vm}) call it too, for class loaders where
 * Avro's service lookup does not see this module.
 *
 * <p>Avro 1.12.1 (what Confluent 8.x ships) has no such check and no {@code ClassSecurityValidator}: the
 * 1.12.2 API is touched only by {@link ClassSecurityValidatorTrust}, and only when the Avro on the class
 * path has it, so everything here links against either version.
 */
public final class AvroTrust {
    /** The package of the generated contracts. */
    public static final String CONTRACTS_PACKAGE = "io.seqscore.avro";
    private static final String VALIDATOR = "org.apache.avro.util.ClassSecurityValidator";
    private static volatile boolean installed;

    private AvroTrust() {
    }

    /** Idempotent and cheap after the first call; safe under any Avro 1.12.x. */
    public static void trustContracts() {
        if (installed) {
            return;
        }
        synchronized (AvroTrust.class) {
            if (installed) {
                return;
            }
            if (avroChecksClassTrust()) {
                ClassSecurityValidatorTrust.trustPackage(CONTRACTS_PACKAGE);
            }
            installed = true;
        }
    }

    /** Whether the Avro on the class path has the class-trust check (1.12.2 and later). */
    static boolean avroChecksClassTrust() {
        try {
            Class.forName(VALIDATOR, false, Schema.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
