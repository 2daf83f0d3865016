package org.sistercities.gateway.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Random secrets and their stored form. */
public final class Secrets {

    private static final char[] ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();
    /** Looking a digest up costs more than using it; it is on every API-key request, and a digest is not thread-safe. */
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    });

    private Secrets() {
    }

    /** {@code length} characters from [A-Za-z0-9]: about 5.95 bits each, and nothing a URL or a shell would mangle. */
    public static String random(int length) {
        char[] out = new char[length];
        for (int i = 0; i < length; i++) {
            out[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(out);
    }

    /**
     * SHA-256, hex. Enough for secrets that are themselves high-entropy random strings (API keys, session ids):
     * nothing to guess, so a slow hash would only cost latency on every request.
     */
    public static String sha256(String secret) {
        return HEX.formatHex(SHA_256.get().digest(secret.getBytes(StandardCharsets.UTF_8)));
    }

    /** Of the characters {@link #random} produces, and nothing else. */
    public static boolean isAlphanumeric(String value, int from) {
        for (int i = from; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
                return false;
            }
        }
        return true;
    }

    public static boolean constantTimeEquals(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }
}
