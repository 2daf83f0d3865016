package org.sistercities.testsupport;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class LoopbackPortsTest {

    @Test
    void aSecondPortIsNeverTheFirstAndIsFreeToBind() throws IOException {
        for (int i = 0; i < 200; i++) {
            int first = LoopbackPorts.freePort();
            int second = LoopbackPorts.freePortOtherThan(first);

            assertNotEquals(first, second);
            try (ServerSocket socket = new ServerSocket(second, 1, LoopbackPorts.loopback())) {
                assertEquals(second, socket.getLocalPort());
            }
        }
    }
}
