package org.sistercities.gateway.token;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.sistercities.gateway.config.GatewayConfig;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.RequestRejected;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * The RS256 key pairs the gateway signs with, kept in its database so that every instance signs with the same
 * key and a restart does not invalidate tokens. The first start generates one. A rotation adds a key that is
 * published at once and signs after {@code lead}, so services can fetch it before they meet it; the old key
 * stays published for {@code sci.gateway.token.retired-key-publication} after that, longer than a token lives.
 * Every instance reloads the table each minute, so a rotation on one reaches all. Alternatively the key comes
 * from a PEM file ({@code sci.gateway.token.private-key-location}), with the previous key's public half
 * published beside it; then the database holds no key at all.
 */
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    /** Serialises first-start generation and rotation across gateway instances. */
    private static final long ADVISORY_LOCK = 0x5c1_6a7e_4a1L;

    /** A published key; {@code privateKey} is null for a key that is only published (a previous file key). */
    public record SigningKey(String kid, PrivateKey privateKey, RSAPublicKey publicKey, Instant activatesAt,
                             Instant retiresAt) {
    }

    private final GatewayConfig config;
    private final EntityManager em;
    private final Clock clock;
    private volatile List<SigningKey> keys = List.of();

    SigningKeys(GatewayConfig config, EntityManager em, Clock clock) {
        this.config = config;
        this.em = em;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (fromFiles()) {
            keys = fileKeys();
            LOG.infof("Signing with the key from %s (kid %s)", config.token().privateKeyLocation().get(), config.token().keyId());
            return;
        }
        ensureKeyExists();
        reload();
    }

    private boolean fromFiles() {
        return config.token().privateKeyLocation().isPresent();
    }

    private List<SigningKey> fileKeys() {
        GatewayConfig.Token token = config.token();
        PrivateKey privateKey = PemKeys.privateKey(Path.of(token.privateKeyLocation().get()));
        List<SigningKey> loaded = new ArrayList<>();
        loaded.add(new SigningKey(token.keyId(), privateKey, PemKeys.publicKeyOf(privateKey), Instant.EPOCH, null));
        // Published only: it verifies tokens signed before the files were swapped, and never signs.
        token.previousPublicKeyLocation().ifPresent(location -> loaded.add(new SigningKey(token.previousKeyId(), null,
                PemKeys.publicKey(Path.of(location)), Instant.EPOCH.minusSeconds(1), null)));
        return List.copyOf(loaded);
    }

    /** The key to sign with now: the newest that has activated. */
    public SigningKey current() {
        Instant now = clock.instant();
        return keys.stream()
                .filter(k -> k.privateKey() != null && !k.activatesAt().isAfter(now))
                .max(Comparator.comparing(SigningKey::activatesAt))
                .orElseThrow(() -> new IllegalStateException("No signing key has activated"));
    }

    /** The keys a verifier may meet: every key not yet past its retirement. */
    public List<SigningKey> published() {
        Instant now = clock.instant();
        return keys.stream().filter(k -> k.retiresAt() == null || k.retiresAt().isAfter(now)).toList();
    }

    @Transactional
    void ensureKeyExists() {
        lock();
        if (SigningKeyEntity.count() == 0) {
            Instant now = clock.instant();
            persistNew(now);
            LOG.info("Generated the first token signing key");
        }
    }

    /** Adds a key that signs from {@code now + lead}; the current key retires after the publication period. */
    @Transactional
    public String rotate(Duration lead) {
        if (fromFiles()) {
            throw new RequestRejected(ProblemType.CONFLICT,
                    "The signing key comes from a file; rotate by replacing the files (see docs/gateway.md)");
        }
        lock();
        Instant now = clock.instant();
        Instant activates = now.plus(lead);
        Instant retires = activates.plus(config.token().retiredKeyPublication());
        List<SigningKeyEntity> live = SigningKeyEntity.list("retiresAt is null");
        SigningKeyEntity added = persistNew(activates);
        live.forEach(old -> old.retiresAt = retires);
        LOG.infof("Token signing key %s added; it signs from %s, the previous key is published until %s", added.kid, activates, retires);
        em.flush();
        reloadInTransaction();
        return added.kid;
    }

    @Scheduled(every = "1m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void reload() {
        if (fromFiles()) {
            return;
        }
        reloadInTransaction();
    }

    private void reloadInTransaction() {
        Instant horizon = clock.instant();
        List<SigningKeyEntity> rows = SigningKeyEntity.list("retiresAt is null or retiresAt > ?1", horizon);
        keys = rows.stream().map(SigningKeys::decode).toList();
    }

    private void lock() {
        em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, ADVISORY_LOCK).getSingleResult();
    }

    private SigningKeyEntity persistNew(Instant activates) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(config.token().keySize());
            KeyPair pair = generator.generateKeyPair();
            SigningKeyEntity entity = new SigningKeyEntity();
            entity.kid = UUID.randomUUID().toString();
            entity.privateKey = Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded());
            entity.publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
            entity.createdAt = clock.instant();
            entity.activatesAt = activates;
            entity.persist();
            return entity;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA key generation is required of every JVM", e);
        }
    }

    private static SigningKey decode(SigningKeyEntity e) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            PrivateKey privateKey = rsa.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(e.privateKey)));
            RSAPublicKey publicKey = (RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(e.publicKey)));
            return new SigningKey(e.kid, privateKey, publicKey, e.activatesAt, e.retiresAt);
        } catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Signing key " + e.kid + " cannot be decoded", ex);
        }
    }
}
