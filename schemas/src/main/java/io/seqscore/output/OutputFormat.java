package io.seqscore.output;

import io.seqscore.serde.AvroSerializer;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Serializer;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** How output records (scores) are written. */
public enum OutputFormat {
    /** Avro in the Confluent wire format, schema registered in the Schema Registry. */
    AVRO {
        @Override
        public <T extends IndexedRecord> Serializer<T> serializer(Map<String, ?> serdeConfig) {
            AvroSerializer<T> s = new AvroSerializer<>();
            s.configure(serdeConfig, false);
            return s;
        }
    },
    /** One UTF-8 JSON object per record ({@link JsonRecordSerializer}), no registry. */
    JSON {
        @Override
        public <T extends IndexedRecord> Serializer<T> serializer(Map<String, ?> serdeConfig) {
            return new JsonRecordSerializer<>();
        }
    };

    /** A configured value serializer of this format. */
    public abstract <T extends IndexedRecord> Serializer<T> serializer(Map<String, ?> serdeConfig);

    /** The name settings use: {@code avro}, {@code json}. */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static String[] configValues() {
        return Arrays.stream(values()).map(OutputFormat::configValue).toArray(String[]::new);
    }

    /** @throws IllegalArgumentException for a name that is no format */
    public static OutputFormat ofConfigValue(String value) {
        for (OutputFormat f : values()) {
            if (f.configValue().equals(value)) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown output format '" + value + "'; the formats are "
                + Arrays.toString(configValues()));
    }
}
