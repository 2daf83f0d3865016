package org.sistercities.platform.idempotency;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.problem.ProblemType;
import org.sistercities.platform.security.Caller;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} support in Stripe's manner: the first request with a key runs and its response is
 * stored; a retry with the same key and body gets that response again (marked {@code Idempotent-Replayed});
 * the same key with another body is a {@code 422}.
 * <p>
 * The key row is inserted in the transaction of the effect. A concurrent duplicate therefore waits on the
 * unique index until the first commits (and then replays) or rolls back (and then runs itself): one effect,
 * whatever the timing, and a failed request leaves the key free to retry.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private static final Pattern SANE_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    @Inject
    EntityManager entityManager;
    @Inject
    ObjectMapper json;
    @Inject
    Caller caller;

    @ConfigProperty(name = "sci.idempotency.retention", defaultValue = "PT24H")
    Duration retention;

    /**
     * Runs {@code action} at most once per caller and key. Call it first thing in the resource method's
     * transaction, before reading what the action changes.
     *
     * @param key       the header value, or {@code null} when the client sent none (the action then just runs)
     * @param operation what is being done, e.g. {@code "POST /api/v1/partnerships/{id}/status-changes"} with the id filled in
     * @param request   the parsed body; together with the operation it identifies "the same request"
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Response execute(String key, String operation, Object request, Supplier<Response> action) {
        if (key == null) {
            return action.get();
        }
        if (!SANE_KEY.matcher(key).matches()) {
            throw DomainException.invalid(HEADER, "must be 1 to 255 visible ASCII characters");
        }
        String requestHash = hash(operation, request);
        int inserted = entityManager.createNativeQuery("""
                        INSERT INTO idempotency_key (caller, idempotency_key, request_hash)
                        VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING""")
                .setParameter(1, caller.subject())
                .setParameter(2, key)
                .setParameter(3, requestHash)
                .executeUpdate();
        if (inserted == 1) {
            Response response = action.get();
            remember(key, response);
            return response;
        }
        return replay(key, requestHash);
    }

    private void remember(String key, Response response) {
        entityManager.createNativeQuery("""
                        UPDATE idempotency_key SET response_status = ?1, response_body = ?2, location = ?3, etag = ?4
                        WHERE caller = ?5 AND idempotency_key = ?6""")
                .setParameter(1, response.getStatus())
                .setParameter(2, response.hasEntity() ? toJson(response.getEntity()) : null)
                .setParameter(3, response.getLocation() == null ? null : response.getLocation().toString())
                .setParameter(4, response.getHeaderString(HttpHeaders.ETAG))
                .setParameter(5, caller.subject())
                .setParameter(6, key)
                .executeUpdate();
    }

    private Response replay(String key, String requestHash) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                        SELECT request_hash, response_status, response_body, location, etag
                        FROM idempotency_key WHERE caller = ?1 AND idempotency_key = ?2""")
                .setParameter(1, caller.subject())
                .setParameter(2, key)
                .getResultList();
        Object[] row = rows.get(0);
        if (!requestHash.equals(row[0])) {
            throw new DomainException(ProblemType.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was first used with a different request; use a new key for a new request",
                    HEADER);
        }
        Response.ResponseBuilder replayed = Response.status((Integer) row[1]).header(REPLAYED_HEADER, "true");
        if (row[2] != null) {
            replayed.entity(row[2]).type(MediaType.APPLICATION_JSON_TYPE);
        }
        if (row[3] != null) {
            replayed.header(HttpHeaders.LOCATION, row[3]);
        }
        if (row[4] != null) {
            replayed.header(HttpHeaders.ETAG, row[4]);
        }
        return replayed.build();
    }

    @Scheduled(every = "${sci.idempotency.cleanup-interval:1h}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void forgetExpiredKeys() {
        entityManager.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                .setParameter(1, OffsetDateTime.now().minus(retention))
                .executeUpdate();
    }

    private String hash(String operation, Object request) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(operation.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(toJson(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha256.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM provides SHA-256", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Response entities are always serializable", e);
        }
    }
}
