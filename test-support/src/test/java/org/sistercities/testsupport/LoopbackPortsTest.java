package org.sistercities.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoopbackPortsTest {

    @Test
    void portsAskedForTogetherAreDistinctAndFreeOnceReturned() throws IOException {
        List<Integer> ports = LoopbackPorts.freePorts(20);

        assertEquals(20, ports.size());
        assertEquals(20, new HashSet<>(ports).size(), "no port handed out twice: " + ports);
        // Released for the caller: each can be bound again at once.
        for (int port : ports) {
            assertTrue(port > 0);
            try (ServerSocket socket = new ServerSocket(port, 1, LoopbackPorts.loopback())) {
                assertEquals(port, socket.getLocalPort());
            }
        }
    }
}
