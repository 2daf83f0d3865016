package org.sistercities.gateway.requestid;

import org.junit.jupiter.api.Test;

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
}
