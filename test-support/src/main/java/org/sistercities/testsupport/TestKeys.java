package org.sistercities.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The committed TEST-ONLY RSA key pair (see {@code testsupport/jwt/README.txt}) and throwaway keys for
 * tokens that must fail verification.
 */
public final class TestKeys {

    public static final String PRIVATE_KEY_LOCATION = "testsupport/jwt/privateKey.pem";

    private static final PrivateKey PRIVATE_KEY = readPrivateKey(PRIVATE_KEY_LOCATION);
    private static final PublicKey PUBLIC_KEY = readPublicKey(JwtTestResource.PUBLIC_KEY_LOCATION);

    private TestKeys() {
    }

    /** The private key that signs {@link TestTokens}: it is public knowledge, never use it elsewhere. */
    public static PrivateKey privateKey() {
        return PRIVATE_KEY;
    }

    /** The public key that {@link JwtTestResource} configures services to verify with. */
    public static PublicKey publicKey() {
        return PUBLIC_KEY;
    }

    /** A fresh RSA 2048 key pair that no service trusts. */
    public static KeyPair unknownKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is missing from this JVM", e);
        }
    }

    private static PrivateKey readPrivateKey(String location) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pemDer(location, "PRIVATE KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not a PKCS#8 RSA private key: " + location, e);
        }
    }

    private static PublicKey readPublicKey(String location) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(pemDer(location, "PUBLIC KEY")));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Not an RSA public key: " + location, e);
        }
    }

    private static byte[] pemDer(String location, String pemType) {
        String pem = read(location);
        String begin = "-----BEGIN " + pemType + "-----";
        String end = "-----END " + pemType + "-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(location + " is not a PEM " + pemType);
        }
        return Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
    }

    private static String read(String location) {
        // The keys ship in this jar, so this class's own loader finds them under Quarkus' class loaders too.
        try (InputStream in = TestKeys.class.getClassLoader().getResourceAsStream(location)) {
            if (in == null) {
                throw new IllegalStateException(location + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
