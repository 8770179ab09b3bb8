package io.seqscore.app.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A single-node Kafka broker in KRaft mode (combined broker and controller) for development: fixed client
 * port on 127.0.0.1, its log and metadata under a data directory that is formatted on first use and
 * reused on the next start, so topics and records outlive a restart. Unlike {@link EmbeddedKafka} (random
 * ports, a fresh temporary directory each time) it is what {@code seqscore broker} runs. Not for production:
 * one replica, no security, no tuning.
 */
public final class DevBroker implements AutoCloseable {
    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private DevBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code dataDir} unless it already holds a broker's data, then starts the broker.
     *
     * @param port the client port on 127.0.0.1; the controller takes any free port
     * @throws IllegalStateException when the port is taken or the directory cannot be used
     */
    public static DevBroker start(int port, Path dataDir) {
        Path logs = dataDir.toAbsolutePath().resolve("kafka");
        Properties props = properties(port, freePort(), logs);
        if (!Files.exists(logs.resolve("meta.properties"))) {
            format(props, dataDir);
        }
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        try {
            server.startup();
        } catch (RuntimeException e) {
            server.shutdown();
            throw new IllegalStateException("could not start the broker on 127.0.0.1:" + port + ": " + e.getMessage()
                    + " (is another broker on that port? choose another with --port)", e);
        }
        return new DevBroker(server, "127.0.0.1:" + port);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Controlled shutdown: the broker's logs are closed cleanly, so the next start does not recover them. */
    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    /** Deletes {@code dir} and everything under it. */
    public static void deleteDirectory(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }

    static Properties properties(int port, int controllerPort, Path logs) {
        Properties p = new Properties();
        p.putAll(EmbeddedKafka.SINGLE_NODE);
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("log.dirs", logs.toAbsolutePath().toString());
        p.put("num.partitions", "1");
        return p;
    }

    private static void format(Properties props, Path dataDir) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            Files.createDirectories(dataDir);
            Path config = Files.createTempFile(dataDir, "server", ".properties");
            try {
                try (Writer w = Files.newBufferedWriter(config, StandardCharsets.UTF_8)) {
                    props.store(w, "seqscore broker");
                }
                int code = StorageTool.execute(new String[] {"format", "-t",
                        Uuid.randomUuid().toString(), "-c", config.toString()},
                        new PrintStream(output, true, StandardCharsets.UTF_8));
                if (code != 0) {
                    throw new IllegalStateException("could not format " + dataDir + ": " + output.toString(
                            StandardCharsets.UTF_8).strip());
                }
            } finally {
                Files.deleteIfExists(config);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the data directory " + dataDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (e instanceof IllegalStateException) {
                throw e;
            }
            throw new IllegalStateException("could not format " + dataDir + ": " + e.getMessage(), e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the controller: " + e.getMessage(), e);
        }
    }
}
