package io.seqscore.app.service;

import org.apache.kafka.streams.state.HostInfo;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where other instances reach this one ({@code application.server}): as configured, or else the HTTP
 * endpoint's bound address and port, with this host's address standing in for a wildcard bind.
 */
final class ApplicationServer {
    private ApplicationServer() {
    }

    static HostInfo resolve(String configured, InetSocketAddress bound) {
        if (configured != null && !configured.isBlank()) {
            return HostInfo.buildFromEndpoint(configured.trim());
        }
        InetAddress address = bound.getAddress();
        String host = address.isAnyLocalAddress() ? localHostAddress() : address.getHostAddress();
        return new HostInfo(host, bound.getPort());
    }

    static String endpoint(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    private static String localHostAddress() {
        try {
            return InetAddress.getLocalHost().getHostAddress();
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress().getHostAddress();
        }
    }
}
