package io.seqscore.app.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Property overrides from environment variables, for containers. {@code SEQSCORE_X} sets the property
 * named by X lower-cased with {@code _} read as {@code .}, {@code __} as {@code _} and {@code ___} as
 * {@code -} (Confluent's image convention): {@code SEQSCORE_BOOTSTRAP_SERVERS} → {@code bootstrap.servers},
 * {@code SEQSCORE_SEQSCORE_LATE_POLICY} → {@code seqscore.late.policy}. When the name is one of seqscore's
 * own settings without its {@code seqscore.} prefix, the prefix is implied:
 * {@code SEQSCORE_LATE_POLICY} → {@code seqscore.late.policy}. Overrides win over the properties file.
 */
public final class EnvOverrides {
    public static final String ENV_PREFIX = "SEQSCORE_";

    private EnvOverrides() {
    }

    /** The property → value overrides among {@code env}, given seqscore's own setting names. */
    public static Map<String, String> overrides(Map<String, String> env, Set<String> ownSettings) {
        Map<String, String> out = new HashMap<>();
        env.forEach((variable, value) -> {
            if (variable.startsWith(ENV_PREFIX) && variable.length() > ENV_PREFIX.length()) {
                out.put(propertyName(variable, ownSettings), value);
            }
        });
        return out;
    }

    /** The property a {@code SEQSCORE_*} variable sets. */
    static String propertyName(String variable, Set<String> ownSettings) {
        String body = variable.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
        StringBuilder name = new StringBuilder(body.length());
        int i = 0;
        while (i < body.length()) {
            char c = body.charAt(i);
            if (c != '_') {
                name.append(c);
                i++;
                continue;
            }
            int run = 0;
            while (i + run < body.length() && body.charAt(i + run) == '_') {
                run++;
            }
            i += run;
            for (; run >= 3; run -= 3) {
                name.append('-');
            }
            for (; run >= 2; run -= 2) {
                name.append('_');
            }
            if (run == 1) {
                name.append('.');
            }
        }
        String property = name.toString();
        String prefixed = SeqscoreConfig.PREFIX + property;
        return !ownSettings.contains(property) && ownSettings.contains(prefixed) ? prefixed : property;
    }
}
