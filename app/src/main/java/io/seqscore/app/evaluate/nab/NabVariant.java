package io.seqscore.app.evaluate.nab;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One scorer configuration of an {@code evaluate nab} run: the detector name its results are written under
 * (NAB's rules: letters and digits, starting with a letter) and the scorer settings that override the run's
 * defaults. Parsed from {@code NAME} or {@code NAME:KEY=VALUE[,KEY=VALUE...]}, KEY a {@code seqscore.*} setting; a
 * list value separates its items with {@code ;} (e.g. {@code seqscore.anomaly.range.level.scales=8;32;128}), since
 * {@code ,} separates the settings.
 */
record NabVariant(String name, Map<String, String> settings) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9]*");
    static final NabVariant DEFAULT = new NabVariant(NabResults.DETECTOR, Map.of());

    NabVariant {
        if (!NAME.matcher(name).matches() || name.contains("standard") || name.contains("reward")
                || name.equals("null")) {
            throw new IllegalArgumentException("variant name '" + name + "': letters and digits starting with a letter,"
                    + " not 'null' and without 'standard' or 'reward' (NAB's rules)");
        }
        settings = Map.copyOf(settings);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    static NabVariant parse(String text) {
        int colon = text.indexOf(':');
        String name = colon < 0 ? text : text.substring(0, colon);
        Map<String, String> settings = new LinkedHashMap<>();
        if (colon >= 0) {
            for (String pair : text.substring(colon + 1).split(",")) {
                int eq = pair.indexOf('=');
                String key = eq < 0 ? "" : pair.substring(0, eq).trim();
                if (!key.startsWith("seqscore.") || eq == pair.length() - 1) {
                    throw new IllegalArgumentException("variant '" + text + "': expected NAME:KEY=VALUE[,KEY=VALUE...]"
                            + " with KEY a seqscore.* setting, got '" + pair + "'");
                }
                settings.put(key, pair.substring(eq + 1).trim().replace(';', ','));
            }
        }
        return new NabVariant(name, settings);
    }
}
