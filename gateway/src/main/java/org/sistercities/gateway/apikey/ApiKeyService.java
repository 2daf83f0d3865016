package org.sistercities.gateway.apikey;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;
import org.sistercities.gateway.auth.Role;
import org.sistercities.gateway.auth.Scopes;
import org.sistercities.gateway.auth.Secrets;
import org.sistercities.gateway.config.GatewayConfig;
import org.sistercities.gateway.problem.ProblemType;
import org.sistercities.gateway.problem.RequestRejected;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Issues, rotates and revokes API keys, and looks one up by its hash (the blocking half of verification). */
@ApplicationScoped
public class ApiKeyService {

    public static final String KEY_PREFIX = "sci_";
    /** 40 characters of [A-Za-z0-9] after the prefix: about 238 bits. */
    static final int SECRET_LENGTH = 40;
    /** {@code sci_} and the first eight secret characters: enough to tell keys apart in a list, far too little to guess the rest. */
    private static final int DISPLAY_PREFIX_LENGTH = KEY_PREFIX.length() + 8;
    private static final Logger LOG = Logger.getLogger(ApiKeyService.class);

    private final GatewayConfig config;
    private final ApiKeyAuthenticator authenticator;
    private final Clock clock;

    ApiKeyService(GatewayConfig config, ApiKeyAuthenticator authenticator, Clock clock) {
        this.config = config;
        this.authenticator = authenticator;
        this.clock = clock;
    }

    /** A key as the caller sees it once: the secret and the stored row. */
    public record IssuedKey(String key, ApiKeyEntity entity) {
    }

    @Transactional
    public IssuedKey create(ApiKeyApi.CreateRequest request) {
        Role role = Role.fromGroup(request.role())
                .orElseThrow(() -> RequestRejected.invalid("role", "role must be one of hq-admin, country-rep, municipality, viewer, service"));
        Scopes scopes = Scopes.validated(role, request.countries(), request.communities());
        Instant now = clock.instant();
        if (request.expiresAt() != null && !request.expiresAt().isAfter(now)) {
            throw RequestRejected.invalid("expiresAt", "expiresAt must be in the future");
        }
        ApiKeyEntity entity = new ApiKeyEntity();
        entity.name = request.name();
        entity.owner = request.owner();
        entity.role = role.group();
        entity.countries = scopes.countries();
        entity.communities = scopes.communities();
        entity.expiresAt = request.expiresAt();
        IssuedKey issued = persistWithNewSecret(entity, now);
        LOG.infof("API key %s (%s) issued to %s with role %s", entity.id, entity.prefix, entity.owner, entity.role);
        return issued;
    }

    /**
     * A new key with the same attributes; the old one keeps working for the grace period so that the owner can
     * deploy the new one without an outage, and then expires.
     */
    @Transactional
    public IssuedKey rotate(UUID id, Duration gracePeriod) {
        ApiKeyEntity old = require(id);
        Instant now = clock.instant();
        if (old.revokedAt != null) {
            throw new RequestRejected(ProblemType.CONFLICT, "A revoked key cannot be rotated; issue a new one");
        }
        Duration grace = gracePeriod == null ? config.apiKeys().rotationGrace() : gracePeriod;
        if (grace.isNegative()) {
            throw RequestRejected.invalid("gracePeriod", "gracePeriod must not be negative");
        }
        ApiKeyEntity successor = new ApiKeyEntity();
        successor.name = old.name;
        successor.owner = old.owner;
        successor.role = old.role;
        successor.countries = List.copyOf(old.countries);
        successor.communities = List.copyOf(old.communities);
        successor.expiresAt = old.expiresAt;
        IssuedKey issued = persistWithNewSecret(successor, now);
        Instant oldEnds = now.plus(grace);
        if (old.expiresAt == null || old.expiresAt.isAfter(oldEnds)) {
            old.expiresAt = oldEnds;
        }
        old.replacedBy = successor.id;
        authenticator.forget(old.keyHash);
        LOG.infof("API key %s rotated to %s; the old key works until %s", old.id, successor.id, old.expiresAt);
        return issued;
    }

    @Transactional
    public ApiKeyEntity revoke(UUID id) {
        ApiKeyEntity key = require(id);
        if (key.revokedAt == null) {
            key.revokedAt = clock.instant();
            authenticator.forget(key.keyHash);
            LOG.infof("API key %s revoked", key.id);
        }
        return key;
    }

    @Transactional
    public ApiKeyEntity require(UUID id) {
        ApiKeyEntity key = ApiKeyEntity.findById(id);
        if (key == null) {
            throw new RequestRejected(ProblemType.NOT_FOUND, "No API key " + id);
        }
        return key;
    }

    @Transactional
    public List<ApiKeyEntity> list(String owner, int page, int size) {
        PanacheQuery<ApiKeyEntity> query = owner == null
                ? ApiKeyEntity.findAll(Sort.by("createdAt").and("id"))
                : ApiKeyEntity.find("owner", Sort.by("createdAt").and("id"), owner);
        return query.page(page, size).list();
    }

    /** The stored state of the key with this hash, if any; runs on a worker thread. */
    @Transactional
    public Optional<ApiKeyEntity> findByHash(String keyHash) {
        return Optional.ofNullable(ApiKeyEntity.findByHash(keyHash));
    }

    /** Writes coalesced last-used times; a time is only ever moved forward. */
    @Transactional
    public void recordLastUsed(Map<UUID, Instant> lastUsed) {
        lastUsed.forEach((id, at) -> ApiKeyEntity.update(
                "lastUsedAt = ?1 where id = ?2 and (lastUsedAt is null or lastUsedAt < ?1)", at, id));
    }

    private IssuedKey persistWithNewSecret(ApiKeyEntity entity, Instant now) {
        String key = KEY_PREFIX + Secrets.random(SECRET_LENGTH);
        entity.id = UUID.randomUUID();
        entity.prefix = key.substring(0, DISPLAY_PREFIX_LENGTH);
        entity.keyHash = Secrets.sha256(key);
        entity.createdAt = now;
        entity.persist();
        return new IssuedKey(key, entity);
    }
}
