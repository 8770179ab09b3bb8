package io.seqscore.app.service;

import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import static org.assertj.core.api.Assertions.assertThat;

class ApplicationServerTest {

    @Test
    void shouldUseTheConfiguredEndpointAsGiven() {
        HostInfo host = ApplicationServer.resolve(" scorer-0.scorer.svc:7000 ", new InetSocketAddress("127.0.0.1", 8080));
        assertThat(host).isEqualTo(new HostInfo("scorer-0.scorer.svc", 7000));
        assertThat(ApplicationServer.endpoint(host)).isEqualTo("scorer-0.scorer.svc:7000");
    }

    @Test
    void shouldDefaultToTheBoundAddressAndPort() {
        assertThat(ApplicationServer.resolve(null, new InetSocketAddress("127.0.0.1", 41234)))
                .isEqualTo(new HostInfo("127.0.0.1", 41234));
        assertThat(ApplicationServer.resolve("", new InetSocketAddress("127.0.0.1", 41234)))
                .isEqualTo(new HostInfo("127.0.0.1", 41234));
    }

    @Test
    void shouldStandInThisHostsAddressForAWildcardBind() throws Exception {
        HostInfo host = ApplicationServer.resolve(null, new InetSocketAddress("0.0.0.0", 9000));
        assertThat(host).isEqualTo(new HostInfo(InetAddress.getLocalHost().getHostAddress(), 9000));
        assertThat(host.host()).isNotEqualTo("0.0.0.0");
    }
}
