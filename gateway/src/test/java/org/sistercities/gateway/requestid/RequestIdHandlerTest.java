package org.sistercities.gateway.requestid;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestIdHandlerTest {

    @Test
    void uuidsAndTraceIdsAreSane() {
        assertTrue(RequestIdHandler.isSane("3b20b11b-4e87-41d9-93dc-08aa0761045f"));
        assertTrue(RequestIdHandler.isSane("trace:abc_1.2"));
        assertTrue(RequestIdHandler.isSane("x".repeat(128)));
    }

    @Test
    void anythingThatCouldSplitOrBloatALogLineIsNot() {
        assertFalse(RequestIdHandler.isSane(null));
        assertFalse(RequestIdHandler.isSane(""));
        assertFalse(RequestIdHandler.isSane("a b"));
        assertFalse(RequestIdHandler.isSane("a\nINFO forged"));
        assertFalse(RequestIdHandler.isSane("é"));
        assertFalse(RequestIdHandler.isSane("x".repeat(129)));
        assertEquals(36, RequestIdHandler.acceptOrGenerate("a b").length());
    }

    @Test
    void generatedIdsAreDistinctVersion4Uuids() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = RequestIdHandler.randomUuid();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version());
            assertEquals(2, parsed.variant());
            assertEquals(id, parsed.toString());
            assertTrue(seen.add(id), "no repeats");
        }
    }
}
