package org.sistercities.gateway.token;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PemKeysTest {

    @TempDir
    Path dir;

    @Test
    void aPkcs8PemKeyIsReadWithItsPublicHalf() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair pair = generator.generateKeyPair();
        Path privatePem = write("private.pem", "PRIVATE KEY", pair.getPrivate().getEncoded());
        Path publicPem = write("public.pem", "PUBLIC KEY", pair.getPublic().getEncoded());

        PrivateKey read = PemKeys.privateKey(privatePem);
        assertEquals(pair.getPrivate(), read);
        assertEquals(pair.getPublic(), PemKeys.publicKeyOf(read));
        assertEquals(pair.getPublic(), PemKeys.publicKey(publicPem));
    }

    @Test
    void aFileWithoutTheExpectedBlockIsRefused() throws Exception {
        Path pem = dir.resolve("wrong.pem");
        Files.writeString(pem, "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n");
        assertThrows(IllegalArgumentException.class, () -> PemKeys.privateKey(pem));
    }

    private Path write(String name, String label, byte[] der) throws Exception {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return Files.writeString(dir.resolve(name), "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n");
    }
}
