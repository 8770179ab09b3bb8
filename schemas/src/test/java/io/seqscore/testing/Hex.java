package io.seqscore.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Byte vectors written as hex in tests; whitespace and '|' separators are ignored. */
public final class Hex {
    private Hex() {
    }

    public static byte[] bytes(String hex) {
        String clean = hex.replaceAll("[\\s|]", "");
        if (clean.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits: " + clean.length());
        }
        byte[] out = new byte[clean.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(clean.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    public static String of(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02X ", b & 0xff));
        }
        return sb.toString().trim();
    }

    public static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    public static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
