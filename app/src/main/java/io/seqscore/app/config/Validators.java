package io.seqscore.app.config;

import io.seqscore.app.model.TrustedKeys;
import io.seqscore.app.routing.ModelRouter;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

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

    /** A whole number that is 0 or in [min, max]. */
    static ConfigDef.Validator zeroOr(int min, int max) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!(value instanceof Integer n) || !(n == 0 || (n >= min && n <= max))) {
                    throw new ConfigException(name, value, "Value must be 0 or in [" + min + ", " + max + "]");
                }
            }

            @Override
            public String toString() {
                return "0 or [" + min + ", ..., " + max + "]";
            }
        };
    }

    /** A number in (min, max). */
    static ConfigDef.Validator open(double min, double max) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (!(value instanceof Number n) || !(n.doubleValue() > min && n.doubleValue() < max)) {
                    throw new ConfigException(name, value, "Value must be in (" + min + ", " + max + ")");
                }
            }

            @Override
            public String toString() {
                return "(" + min + ", ..., " + max + ")";
            }
        };
    }

    /** A list of routing rules, each glob=model. */
    /** A list of whole numbers, each in [1, max], at most {@code maxCount} of them. */
    static ConfigDef.Validator positiveInts(int max, int maxCount) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                List<String> items = strings(value);
                if (items.size() > maxCount) {
                    throw new ConfigException(name, value, "at most " + maxCount + " values");
                }
                for (String item : items) {
                    int v;
                    try {
                        v = Integer.parseInt(item.trim());
                    } catch (NumberFormatException e) {
                        throw new ConfigException(name, value, "'" + item + "' is not a whole number");
                    }
                    if (v < 1 || v > max) {
                        throw new ConfigException(name, value, "each value must be in [1, " + max + "]");
                    }
                }
            }

            @Override
            public String toString() {
                return "up to " + maxCount + " whole numbers in [1, " + max + "]";
            }
        };
    }

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

    /**
     * A bearer token (a {@link Password}): at least {@value #MIN_TOKEN_LENGTH} characters of RFC 6750's b64token
     * syntax (letters, digits, {@code - . _ ~ + /}, then {@code =} padding). Messages never show the value.
     */
    static ConfigDef.Validator bearerToken() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String token = value instanceof Password p ? p.value() : null;
                if (token == null || token.length() < MIN_TOKEN_LENGTH || !B64TOKEN.matcher(token).matches()) {
                    throw new ConfigException(name, Password.HIDDEN, "Value must be at least " + MIN_TOKEN_LENGTH
                            + " characters of A-Z a-z 0-9 - . _ ~ + / followed by optional = padding");
                }
            }

            @Override
            public String toString() {
                return "a token of at least " + MIN_TOKEN_LENGTH + " characters";
            }
        };
    }

    static final int MIN_TOKEN_LENGTH = 16;
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value == null ? List.of() : (List<String>) value;
    }
}
