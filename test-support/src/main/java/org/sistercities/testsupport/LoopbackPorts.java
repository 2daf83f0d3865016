package org.sistercities.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

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
        return freePorts(1).get(0);
    }

    /**
     * Distinct free ports, held open together while chosen: asked for one at a time, the OS may hand the same port
     * out again once the first socket is closed (a broker and its controller on one port fail to start).
     */
    static List<Integer> freePorts(int count) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(new ServerSocket(0, 1, loopback()));
            }
            return held.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("No free loopback port", e);
        } finally {
            for (ServerSocket socket : held) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // A listening socket that never accepted anything closes without a failure that matters here.
                }
            }
        }
    }
}
