package org.sistercities.gateway.auth;

import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessPolicyTest {

    @Test
    void adminPathsNeedHqAdmin() {
        assertEquals(Access.HQ_ADMIN, AccessPolicy.classify(HttpMethod.GET, "/api/v1/admin/api-keys"));
        assertEquals(Access.HQ_ADMIN, AccessPolicy.classify(HttpMethod.POST, "/api/v1/admin"));
    }

    @Test
    void onlyReadingPoliciesIsOpen() {
        assertEquals(Access.OPEN, AccessPolicy.classify(HttpMethod.GET, "/api/v1/policies/x/pdf"));
        assertEquals(Access.OPEN, AccessPolicy.classify(HttpMethod.HEAD, "/api/v1/policies"));
        assertEquals(Access.AUTHENTICATED, AccessPolicy.classify(HttpMethod.POST, "/api/v1/policies"));
        assertEquals(Access.AUTHENTICATED, AccessPolicy.classify(HttpMethod.GET, "/api/v1/policiesx"));
    }

    @Test
    void anythingUnnamedNeedsAuthentication() {
        assertEquals(Access.AUTHENTICATED, AccessPolicy.classify(HttpMethod.GET, "/api/v1/partnerships"));
        assertEquals(Access.AUTHENTICATED, AccessPolicy.classify(HttpMethod.GET, "/somewhere/new"));
        assertEquals(Access.AUTHENTICATED, AccessPolicy.classify(HttpMethod.POST, "/auth/token"));
        assertEquals(Access.OPEN, AccessPolicy.classify(HttpMethod.GET, "/q/health/ready"));
        assertEquals(Access.OPEN, AccessPolicy.classify(HttpMethod.POST, "/auth/login"));
    }

    @Test
    void underMatchesWholeSegmentsOnly() {
        assertTrue(AccessPolicy.under("/api/v1/policies", "/api/v1/policies"));
        assertTrue(AccessPolicy.under("/api/v1/policies/", "/api/v1/policies"));
        assertFalse(AccessPolicy.under("/api/v1/policies2", "/api/v1/policies"));
    }
}
