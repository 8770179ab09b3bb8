package io.seqscore.serde;

import org.apache.avro.Conversion;
import org.slf4j.LoggerFactory;

/**
 * The hook that trusts the generated contracts in a fresh JVM (see {@link AvroTrust}). It is listed in
 * {@code META-INF/services/org.apache.avro.Conversion}; Avro instantiates every listed conversion when
 * it builds a {@code GenericData} or {@code SpecificData}, before that model can resolve a class, and
 * this constructor installs the trust. As a conversion it does nothing: its logical type name is none
 * that Avro parses, so no schema ever selects it, and no datum is of its converted type.
 *
 * <p>It never throws: a provider that failed would fail Avro's model construction for every caller.
 */
public final class ContractTrustConversion extends Conversion<ContractTrustConversion> {
    /** The logical type name it is registered under; no schema uses it. */
    public static final String LOGICAL_TYPE_NAME = "io.seqscore.contract-trust";

    public ContractTrustConversion() {
        try {
            AvroTrust.trustContracts();
        } catch (RuntimeException | LinkageError e) {
            LoggerFactory.getLogger(ContractTrustConversion.class).warn(
                    "Could not add Avro's trust for {} (readers that resolve these classes by name may be refused): {}",
                    AvroTrust.CONTRACTS_PACKAGE, e.toString());
        }
    }

    @Override
    public Class<ContractTrustConversion> getConvertedType() {
        return ContractTrustConversion.class;
    }

    @Override
    public String getLogicalTypeName() {
        return LOGICAL_TYPE_NAME;
    }
}
