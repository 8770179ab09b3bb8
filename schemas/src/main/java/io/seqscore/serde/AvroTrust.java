package io.seqscore.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Lets Avro load seqscore's generated contract classes by name. Since 1.12.1 Avro refuses to load a
 * class named by a schema unless it is trusted (a defence against schemas that name gadget classes), and
 * resolving a schema to its generated class is such a load. This adds a trust for the classes of the
 * package {@code io.seqscore.avro} to whatever Avro trusts already; other generated classes are trusted
 * the Avro way, with the system property {@code org.apache.avro.SERIALIZABLE_PACKAGES}.
 *
 * <p>Every generated contract class calls {@link #trustContracts()} in its static initializer (the one
 * addition to Avro's code template, {@code schemas/src/main/avro-templates/record.vm}), so builders
 * that fill nested defaults and readers work whichever class a program touches first.
 */
public final class AvroTrust {
    /** The package of the generated contracts. */
    public static final String CONTRACTS_PACKAGE = "io.seqscore.avro";
    private static boolean installed;

    private AvroTrust() {
    }

    /** Idempotent; called by the serdes and the release helpers before they touch generated classes. */
    public static synchronized void trustContracts() {
        if (installed) {
            return;
        }
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> CONTRACTS_PACKAGE.equals(type.getPackageName())));
        installed = true;
    }
}
