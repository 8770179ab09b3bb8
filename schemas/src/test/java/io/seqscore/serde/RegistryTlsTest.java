package io.seqscore.serde;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import io.seqscore.avro.Event;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * schema.registry.ssl.* against an https registry that requires a client certificate: one self-signed
 * PKCS12 store (made with the JDK's keytool, SAN 127.0.0.1) is the server's key and trust store and the
 * client's too.
 */
class RegistryTlsTest {
    private static final String PASSWORD = "store-pass";
    @TempDir
    static Path dir;
    private static Path store;
    private static FakeRegistryServer server;

    @BeforeAll
    static void startHttpsRegistry() throws Exception {
        store = dir.resolve("registry.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "registry", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(keytool.exitValue()).as(output).isZero();

        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD.toCharArray());
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(ctx) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = ctx.getDefaultSSLParameters();
                p.setNeedClientAuth(true);
                params.setSSLParameters(p);
            }
        });
        server = new FakeRegistryServer(https);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static SchemaRegistryClient client(boolean trustStore, boolean keyStore) {
        Map<String, Object> m = new HashMap<>();
        m.put("schema.registry.url", server.url());
        m.put("max.retries", 0);
        if (trustStore) {
            m.put("schema.registry.ssl.truststore.location", store.toString());
            m.put("schema.registry.ssl.truststore.password", PASSWORD);
            m.put("schema.registry.ssl.truststore.type", "PKCS12");
        }
        if (keyStore) {
            m.put("schema.registry.ssl.keystore.location", store.toString());
            m.put("schema.registry.ssl.keystore.password", PASSWORD);
            m.put("schema.registry.ssl.keystore.type", "PKCS12");
        }
        return SchemaRegistryClients.fromConfig(new AvroSerdeConfig(m));
    }

    @Test
    void trustedServerAndClientCertificateGetThrough() {
        assertThat(server.url()).startsWith("https://");
        assertThat(client(true, true).register("events-value", Event.getClassSchema())).isEqualTo(1);
    }

    @Test
    void withoutTheClientCertificateTheHandshakeFails() {
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(true, false).schemaById(1));
        assertThat(e.isUnreachable()).isTrue();
        assertThat(e.getMessage()).doesNotContain(PASSWORD);
    }

    @Test
    void withoutTrustingTheServerTheHandshakeFails() {
        SchemaRegistryException e = catchThrowableOfType(SchemaRegistryException.class,
                () -> client(false, true).schemaById(1));
        assertThat(e.isUnreachable()).isTrue();
        assertThat(e.getCause()).isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
}
