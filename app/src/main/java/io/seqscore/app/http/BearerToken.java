package io.seqscore.app.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Objects;

/**
 * The bearer token (RFC 6750) the HTTP endpoint requires. A presented token is checked by comparing SHA-256
 * digests with {@link MessageDigest#isEqual}, whose time does not depend on where the bytes differ, and digests
 * have one length, so the check tells neither a prefix nor the length of the token. Never printed.
 */
public final class BearerToken {
    static final String SCHEME = "Bearer";

    private final String token;
    private final byte[] digest;

    public BearerToken(String token) {
        Objects.requireNonNull(token, "token");
        if (token.isEmpty()) {
            throw new IllegalArgumentException("empty bearer token");
        }
        this.token = token;
        this.digest = sha256(token);
    }

    /** Whether an {@code Authorization} header value carries this token (the scheme's case does not matter). */
    public boolean permits(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length() + 1).toLowerCase(Locale.ROOT).equals("bearer ")) {
            return false;
        }
        return MessageDigest.isEqual(digest, sha256(authorization.substring(SCHEME.length() + 1).strip()));
    }

    /** The {@code Authorization} header value that carries this token (for requests to other instances). */
    String authorization() {
        return SCHEME + " " + token;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "BearerToken[hidden]";
    }
}
