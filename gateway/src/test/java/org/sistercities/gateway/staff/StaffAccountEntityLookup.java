package org.sistercities.gateway.staff;

import io.quarkus.narayana.jta.QuarkusTransaction;

import java.util.UUID;

/** Looks an account's id up by name, for tests that act on accounts they created by name. */
final class StaffAccountEntityLookup {

    private StaffAccountEntityLookup() {
    }

    static UUID id(String username) {
        return QuarkusTransaction.requiringNew().call(() -> StaffAccountEntity.findByUsername(username).id);
    }
}
