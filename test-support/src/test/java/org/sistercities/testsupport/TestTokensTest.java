package org.sistercities.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;

class TestTokensTest {

    // What a service configured by JwtTestResource checks, done here with jose4j and the committed public key.
    private static final JwtConsumer SERVICE = new JwtConsumerBuilder()
            .setVerificationKey(TestKeys.publicKey())
            .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.RSA_USING_SHA256)
            .setExpectedIssuer(TestTokens.ISSUER)
            .setExpectedAudience(TestTokens.AUDIENCE)
            .setRequireExpirationTime()
            .setRequireSubject()
            .setAllowedClockSkewInSeconds(60)
            .build();

    @Test
    void aCountryRepTokenCarriesRoleAndCountriesAndVerifiesAgainstThePublicKey() throws Exception {
        JwtClaims claims = SERVICE.processToClaims(TestTokens.countryRep("RU", "UA"));

        assertEquals("test-country-rep", claims.getSubject());
        assertEquals(List.of(TestTokens.COUNTRY_REP), claims.getStringListClaimValue("groups"));
        assertEquals(List.of("RU", "UA"), claims.getStringListClaimValue("countries"));
        assertEquals(300, claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue());
    }

    @Test
    void aMunicipalityTokenCarriesItsCommunities() throws Exception {
        UUID community = UUID.randomUUID();

        JwtClaims claims = SERVICE.processToClaims(TestTokens.municipality(community));

        assertEquals(List.of(TestTokens.MUNICIPALITY), claims.getStringListClaimValue("groups"));
        assertEquals(List.of(community.toString()), claims.getStringListClaimValue("communities"));
    }

    @Test
    void everyRoleHasAShortcut() throws Exception {
        Map<String, String> tokens = Map.of(
                TestTokens.HQ_ADMIN, TestTokens.hqAdmin(),
                TestTokens.VIEWER, TestTokens.viewer(),
                TestTokens.SERVICE, TestTokens.service());
        for (Map.Entry<String, String> token : tokens.entrySet()) {
            assertEquals(List.of(token.getKey()), SERVICE.processToClaims(token.getValue()).getStringListClaimValue("groups"));
        }
    }

    @Test
    void tokensAreRs256WithTheTestKeyId() throws Exception {
        JsonWebSignature jws = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(TestTokens.viewer());

        assertEquals("RS256", jws.getAlgorithmHeaderValue());
        assertEquals(TestTokens.KEY_ID, jws.getKeyIdHeaderValue());
        assertEquals("Bearer abc", TestTokens.bearer("abc"));
    }

    @Test
    void tokensAServiceMustRefuseAreRefused() {
        assertThrows(InvalidJwtException.class, () -> SERVICE.process(TestTokens.unknownKeyToken()));
        assertThrows(InvalidJwtException.class, () -> SERVICE.process(TestTokens.builder().groups(TestTokens.VIEWER)
                .issuedAt(Instant.now().minus(Duration.ofHours(1))).sign()));
        assertThrows(InvalidJwtException.class, () -> SERVICE.process(TestTokens.builder().issuer("someone-else").sign()));
        assertThrows(InvalidJwtException.class, () -> SERVICE.process(TestTokens.builder().audience("elsewhere").sign()));
    }
}
