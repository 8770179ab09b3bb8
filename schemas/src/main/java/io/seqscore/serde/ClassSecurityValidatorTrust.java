package io.seqscore.serde;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * The only class that links against Avro 1.12.2's {@link ClassSecurityValidator}; {@link AvroTrust} loads
 * it only after checking that the class exists, so that the rest of the module runs on Avro 1.12.1.
 */
final class ClassSecurityValidatorTrust {
    private ClassSecurityValidatorTrust() {
    }

    /** Adds a trust for the classes directly in {@code packageName} to Avro's global predicate. */
    static void trustPackage(String packageName) {
        ClassSecurityValidator.ClassSecurityPredicate previous = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(previous,
                type -> packageName.equals(type.getPackageName())));
    }
}
