package io.seqscore.app.config;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Validators that Kafka's {@link ConfigDef} does not have. */
final class Validators {
    private Validators() {
    }

    /** Accepts null (an unset optional setting) or what {@code inner} accepts. */
    static ConfigDef.Validator nullOr(ConfigDef.Validator inner) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value != null) {
                    inner.ensureValid(name, value);
                }
            }

            @Override
            public String toString() {
                return "unset or " + inner;
            }
        };
    }

    /** A number in (min, max]. */
    static ConfigDef.Validator openClosed(double min, double max) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!(value instanceof Number n) || !(n.doubleValue() > min && n.doubleValue() <= max)) {
                    throw new ConfigException(name, value, "Value must be in (" + min + ", " + max + "]");
                }
            }

            @Override
            public String toString() {
                return "(" + min + ", ..., " + max + "]";
            }
        };
    }
}
