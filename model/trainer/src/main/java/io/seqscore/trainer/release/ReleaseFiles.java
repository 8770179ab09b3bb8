package io.seqscore.trainer.release;

import io.seqscore.avro.ModelRelease;
import io.seqscore.serde.AvroTrust;
import io.seqscore.trainer.TrainerException;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * A release file: an Avro object container file (readable by any Avro tool, e.g. {@code avro-tools
 * tojson}) holding exactly one {@link ModelRelease}, uncompressed, with the writer schema in its header.
 * The sync marker is the first 16 bytes of the SHA-256 of the release's Avro encoding instead of a random
 * one, so the same release always gives the same file bytes. Writes go to a temporary file that is then
 * moved into place.
 */
public final class ReleaseFiles {
    static {
        AvroTrust.trustContracts();
    }

    private ReleaseFiles() {
    }

    public static byte[] toBytes(ModelRelease release) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DataFileWriter<ModelRelease> writer = new DataFileWriter<>(new SpecificDatumWriter<>(ModelRelease.class))) {
            writer.create(ModelRelease.getClassSchema(), out, syncMarker(release));
            writer.append(release);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** @throws TrainerException when the bytes are not a container file holding exactly one release */
    public static ModelRelease fromBytes(byte[] bytes, String what) {
        try (DataFileReader<ModelRelease> reader = new DataFileReader<>(new SeekableByteArrayInput(bytes),
                new SpecificDatumReader<>(ModelRelease.class))) {
            if (!reader.hasNext()) {
                throw new TrainerException(what + " holds no release");
            }
            ModelRelease release = reader.next();
            if (reader.hasNext()) {
                throw new TrainerException(what + " holds more than one release");
            }
            return release;
        } catch (IOException | AvroRuntimeException e) {
            throw new TrainerException(what + " is not a release file (an Avro container of one ModelRelease): "
                    + e.getMessage(), e);
        }
    }

    public static void write(ModelRelease release, Path file) {
        byte[] bytes = toBytes(release);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                try {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new TrainerException("cannot write the release to " + file + ": " + e.getMessage(), e);
        }
    }

    public static ModelRelease read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new TrainerException("cannot read the release file " + file + ": " + e.getMessage(), e);
        }
        return fromBytes(bytes, file.toString());
    }

    private static byte[] syncMarker(ModelRelease release) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder enc = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<>(ModelRelease.class).write(release, enc);
            return Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(out.toByteArray()), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
