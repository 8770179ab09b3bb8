package io.seqscore.app.routing;

import java.util.Objects;

/**
 * A glob over whole series keys: {@code *} matches any run of characters (also none), {@code ?} exactly
 * one, a backslash makes the next character literal ({@code \*}, {@code \?}, {@code \\}); every other
 * character matches itself (case-sensitive). {@code sensor-*} matches {@code sensor-1} and
 * {@code sensor-}, not {@code my-sensor-1}. Characters are UTF-16 code units. Matching allocates nothing
 * (greedy star with backtracking to the last star: O(pattern · key) at worst). Immutable.
 */
public final class KeyGlob {
    private static final byte LITERAL = 0;
    private static final byte ONE = 1;
    private static final byte ANY = 2;

    private final String source;
    private final char[] chars;
    private final byte[] kinds;

    private KeyGlob(String source, char[] chars, byte[] kinds) {
        this.source = source;
        this.chars = chars;
        this.kinds = kinds;
    }

    /** @throws IllegalArgumentException for a pattern ending in a lone backslash */
    public static KeyGlob compile(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        char[] chars = new char[pattern.length()];
        byte[] kinds = new byte[pattern.length()];
        int n = 0;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '\\') {
                if (++i == pattern.length()) {
                    throw new IllegalArgumentException("glob '" + pattern + "' ends with an unfinished escape");
                }
                chars[n] = pattern.charAt(i);
                kinds[n++] = LITERAL;
            } else if (c == '*') {
                if (n > 0 && kinds[n - 1] == ANY) {
                    continue;
                }
                kinds[n++] = ANY;
            } else {
                chars[n] = c;
                kinds[n++] = c == '?' ? ONE : LITERAL;
            }
        }
        return new KeyGlob(pattern, java.util.Arrays.copyOf(chars, n), java.util.Arrays.copyOf(kinds, n));
    }

    public boolean matches(CharSequence key) {
        int n = kinds.length;
        int p = 0;
        int k = 0;
        int star = -1;
        int starK = 0;
        while (k < key.length()) {
            if (p < n && (kinds[p] == ONE || (kinds[p] == LITERAL && chars[p] == key.charAt(k)))) {
                p++;
                k++;
            } else if (p < n && kinds[p] == ANY) {
                star = p++;
                starK = k;
            } else if (star >= 0) {
                p = star + 1;
                k = ++starK;
            } else {
                return false;
            }
        }
        while (p < n && kinds[p] == ANY) {
            p++;
        }
        return p == n;
    }

    @Override
    public String toString() {
        return source;
    }
}
