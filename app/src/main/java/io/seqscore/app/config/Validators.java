package io.seqscore.app.config;

import io.seqscore.app.model.TrustedKeys;
import io.seqscore.app.routing.ModelRouter;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

import java.nio.file.Path;
import java.util.List;

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

    /** A list of routing rules, each glob=model. */
    static ConfigDef.Validator routingRules() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    ModelRouter.parseRules(strings(value));
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "glob=model, ...";
            }
        };
    }

    /** A list of readable Ed25519 public key files or directories of them. */
    static ConfigDef.Validator trustedKeys() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                try {
                    TrustedKeys.load(strings(value).stream().map(Path::of).toList());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return "PEM files or directories, ...";
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
