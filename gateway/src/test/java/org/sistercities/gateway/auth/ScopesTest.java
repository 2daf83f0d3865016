package org.sistercities.gateway.auth;

import org.junit.jupiter.api.Test;
import org.sistercities.gateway.problem.RequestRejected;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ScopesTest {

    private static final String COMMUNITY = "6f1c2a3e-8a8b-4d0e-9a77-0a1b2c3d4e5f";

    @Test
    void aCountryRepNeedsRealCountryCodes() {
        assertEquals(List.of("UA", "DE"), Scopes.validated(Role.COUNTRY_REP, List.of("UA", "DE", "UA"), null).countries());
        assertThrows(RequestRejected.class, () -> Scopes.validated(Role.COUNTRY_REP, List.of(), List.of()));
        assertThrows(RequestRejected.class, () -> Scopes.validated(Role.COUNTRY_REP, List.of("XX"), List.of()));
        assertThrows(RequestRejected.class, () -> Scopes.validated(Role.COUNTRY_REP, List.of("de"), List.of()));
    }

    @Test
    void aMunicipalityNeedsCommunityIds() {
        assertEquals(List.of(COMMUNITY), Scopes.validated(Role.MUNICIPALITY, null, List.of(COMMUNITY)).communities());
        assertThrows(RequestRejected.class, () -> Scopes.validated(Role.MUNICIPALITY, null, List.of()));
        assertThrows(RequestRejected.class, () -> Scopes.validated(Role.MUNICIPALITY, null, List.of("not-a-uuid")));
    }

    @Test
    void otherRolesCarryNoScopes() {
        assertThrows(RequestRejected.class, () -> Scopes.validated(Role.VIEWER, List.of("DE"), List.of()));
        assertEquals(new Scopes(List.of(), List.of()), Scopes.validated(Role.HQ_ADMIN, null, null));
    }
}
