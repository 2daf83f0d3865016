package org.sistercities.notifications.subscription;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * Signed tokens in the links of subscription emails: {@code base64url(purpose|id|expiry)} and its HMAC-SHA256.
 * Whoever holds the link may act on that one subscription, for that one purpose, and nothing else;
 * unsubscribe tokens do not expire, because a notice may be read long after it was sent.
 */
@ApplicationScoped
public class SubscriptionTokens {

    private static final Logger LOG = Logger.getLogger(SubscriptionTokens.class);
    static final String CONFIRM = "confirm";
    static final String UNSUBSCRIBE = "unsubscribe";

    @Inject
    SubscriptionConfig config;

    private byte[] key;

    @PostConstruct
    void init() {
        key = config.tokenKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
        if (key == null || key.length < 32) {
            LOG.warn("sci.subscriptions.token-key is not set (or shorter than 32 characters): using a key generated at "
                    + "start, so subscription links stop working at the next restart");
            key = new byte[32];
            new SecureRandom().nextBytes(key);
        }
    }

    public String issue(String purpose, UUID subscriptionId, Instant expiresAt) {
        String claims = purpose + "|" + subscriptionId + "|" + (expiresAt == null ? 0 : expiresAt.getEpochSecond());
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        return base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "." + base64.encodeToString(mac(claims));
    }

    /** @return the subscription id, where the token is genuine, for this purpose and unexpired */
    public Optional<UUID> verify(String purpose, String token, Instant now) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        try {
            String claims = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)), StandardCharsets.UTF_8);
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(signature, mac(claims))) {
                return Optional.empty();
            }
            String[] parts = claims.split("\\|");
            long expiry = Long.parseLong(parts[2]);
            if (!parts[0].equals(purpose) || (expiry != 0 && now.getEpochSecond() > expiry)) {
                return Optional.empty();
            }
            return Optional.of(UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            return Optional.empty();
        }
    }

    private byte[] mac(String claims) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(claims.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every JVM provides HmacSHA256", e);
        }
    }
}
