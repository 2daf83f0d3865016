package org.sistercities.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free ports on the loopback interface, so that two test runs can share a machine. */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    static InetAddress loopback() {
        return InetAddress.getLoopbackAddress();
    }

    /**
     * A port that was free a moment ago. The socket is closed before the server binds it, so another
     * process could take it in between; the window is short and the servers fail loudly if it happens.
     */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        }
    }

    /**
     * A free port other than {@code taken}: {@code taken} was only tested and released, so the system may hand
     * it out again (a broker and its controller on one port would not start).
     */
    static int freePortOtherThan(int taken) {
        int port = freePort();
        while (port == taken) {
            port = freePort();
        }
        return port;
    }
}
