package io.seqscore.app.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The Ed25519 public keys releases must be signed with, by key id. Read from PEM files (X.509
 * SubjectPublicKeyInfo, {@code -----BEGIN PUBLIC KEY-----}, as the trainer's {@code keygen} and
 * {@code openssl pkey -pubout} write them); a key's id is its file name without the extension
 * ({@code keys/ops-2024.pub} is {@code ops-2024}). A directory stands for its {@code *.pub} and
 * {@code *.pem} files (not its subdirectories). Immutable.
 */
public final class TrustedKeys {
    public static final String ALGORITHM = "Ed25519";
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";

    private final Map<String, PublicKey> keys;

    private TrustedKeys(Map<String, PublicKey> keys) {
        this.keys = Collections.unmodifiableMap(new TreeMap<>(keys));
    }

    public static TrustedKeys none() {
        return new TrustedKeys(Map.of());
    }

    /**
     * Reads the keys of the given files and directories.
     *
     * @throws IllegalArgumentException naming the file when one cannot be read, is not an Ed25519 public
     *         key in PEM, or repeats a key id; or when a directory holds no key
     */
    public static TrustedKeys load(List<Path> paths) {
        Map<String, PublicKey> keys = new TreeMap<>();
        Map<String, Path> from = new TreeMap<>();
        for (Path path : paths) {
            for (Path file : files(path)) {
                String id = keyId(file);
                if (from.containsKey(id)) {
                    throw new IllegalArgumentException("trusted key id '" + id + "' is given twice: " + from.get(id)
                            + " and " + file);
                }
                keys.put(id, read(file));
                from.put(id, file);
            }
        }
        return new TrustedKeys(keys);
    }

    /** The key of an id, or null when the id is not trusted. */
    public PublicKey key(String id) {
        return keys.get(id);
    }

    /** The trusted key ids, sorted. */
    public Set<String> ids() {
        return keys.keySet();
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** A key file's id: its name without the extension. */
    public static String keyId(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static List<Path> files(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> entries = Files.list(path)) {
            entries.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".pub") || p.toString().endsWith(".pem")))
                    .sorted().forEach(out::add);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list the trusted keys directory " + path + ": " + e.getMessage(), e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("the trusted keys directory " + path + " holds no *.pub or *.pem file");
        }
        return out;
    }

    private static PublicKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the trusted key file " + file + ": " + e.getMessage(), e);
        }
        int b = text.indexOf(BEGIN);
        int e = text.indexOf(END);
        if (b < 0 || e < b) {
            throw new IllegalArgumentException(file + " is not a PEM file with a " + BEGIN + " block");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(b + BEGIN.length(), e));
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException ex) {
            throw new IllegalArgumentException(file + " is not an Ed25519 public key: " + ex.getMessage(), ex);
        }
    }
}
