package io.seqscore.app.cli;

import java.util.Optional;

/**
 * The generated settings table inside a Markdown document (docs/settings.md), between
 * {@value #START} and {@value #END}, each on a line of its own.
 */
public final class SettingsSection {
    public static final String START = "<!-- settings:start -->";
    public static final String END = "<!-- settings:end -->";

    private SettingsSection() {
    }

    /** The text between the markers (without the line break after the start marker); empty without markers. */
    public static Optional<String> extract(String document) {
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        if (start < 0 || end < start) {
            return Optional.empty();
        }
        String body = document.substring(start + START.length(), end);
        return Optional.of(body.startsWith("\r\n") ? body.substring(2) : body.startsWith("\n") ? body.substring(1) : body);
    }

    /** {@code document} with the text between the markers replaced by {@code table}. */
    public static String replace(String document, String table) {
        int start = document.indexOf(START);
        int end = document.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("the document has no " + START + " ... " + END + " section");
        }
        String body = table.endsWith("\n") ? table : table + "\n";
        return document.substring(0, start + START.length()) + "\n" + body + document.substring(end);
    }
}
