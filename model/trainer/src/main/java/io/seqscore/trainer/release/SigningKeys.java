package io.seqscore.trainer.release;

import io.seqscore.trainer.TrainerException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Set;

/**
 * Ed25519 key pairs in PEM files, as OpenSSL writes them: the private key as PKCS#8
 * ({@code -----BEGIN PRIVATE KEY-----}, file mode 600 where the file system has POSIX permissions), the
 * public key as X.509 SubjectPublicKeyInfo ({@code -----BEGIN PUBLIC KEY-----}). So
 * {@code openssl genpkey -algorithm ed25519} keys work too. The key id of a key file is, unless given,
 * its file name without the extension.
 */
public final class SigningKeys {
    public static final String ALGORITHM = "Ed25519";
    private static final String PRIVATE = "PRIVATE KEY";
    private static final String PUBLIC = "PUBLIC KEY";

    private SigningKeys() {
    }

    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot generate Ed25519 keys", e);
        }
    }

    /** Writes the private and the public key files; refuses to overwrite either. */
    public static void write(KeyPair pair, Path privateFile, Path publicFile) {
        try {
            if (Files.exists(privateFile) || Files.exists(publicFile)) {
                throw new TrainerException("will not overwrite an existing key file: "
                        + (Files.exists(privateFile) ? privateFile : publicFile));
            }
            Path dir = privateFile.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Files.createDirectories(publicFile.toAbsolutePath().getParent());
            if (Files.getFileStore(dir).supportsFileAttributeView("posix")) {
                Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
                Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(ownerOnly));
            } else {
                Files.createFile(privateFile);
            }
            Files.writeString(privateFile, pem(PRIVATE, pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
            Files.writeString(publicFile, pem(PUBLIC, pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        } catch (FileAlreadyExistsException e) {
            throw new TrainerException("will not overwrite an existing key file: " + e.getFile());
        } catch (IOException e) {
            throw new TrainerException("cannot write the key files: " + e.getMessage(), e);
        }
    }

    public static PrivateKey readPrivate(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(unpem(file, PRIVATE)));
        } catch (GeneralSecurityException e) {
            throw new TrainerException(file + " is not an Ed25519 private key: " + e.getMessage(), e);
        }
    }

    public static PublicKey readPublic(Path file) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(unpem(file, PUBLIC)));
        } catch (GeneralSecurityException e) {
            throw new TrainerException(file + " is not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /** The key id a key file stands for by default: its name without the extension. */
    public static String defaultKeyId(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] unpem(Path file, String type) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new TrainerException("cannot read the key file " + file + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int b = text.indexOf(begin);
        int e = text.indexOf(end);
        if (b < 0 || e < b) {
            throw new TrainerException(file + " is not a PEM file with a " + begin + " block");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(b + begin.length(), e));
        } catch (IllegalArgumentException ex) {
            throw new TrainerException(file + " has a broken base64 body: " + ex.getMessage(), ex);
        }
    }
}
