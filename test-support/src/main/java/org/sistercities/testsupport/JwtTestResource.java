package org.sistercities.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/**
 * Makes a service verify tokens the way it does behind the gateway, but against the committed
 * test-only public key, so that {@link TestTokens} can mint tokens the service accepts.
 */
public class JwtTestResource implements QuarkusTestResourceLifecycleManager {

    /** Class-path location of the test-only public key, as smallrye-jwt reads it. */
    public static final String PUBLIC_KEY_LOCATION = "testsupport/jwt/publicKey.pem";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "mp.jwt.verify.publickey", "NONE",
                "mp.jwt.verify.publickey.location", PUBLIC_KEY_LOCATION,
                "mp.jwt.verify.issuer", TestTokens.ISSUER,
                "mp.jwt.verify.audiences", TestTokens.AUDIENCE);
    }

    @Override
    public void stop() {
    }
}
