package org.sistercities.policy.document;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.web.Cursor;
import org.sistercities.platform.web.ETags;
import org.sistercities.platform.web.Page;
import org.sistercities.policy.document.DocumentApi.DocumentFilter;
import org.sistercities.policy.document.DocumentApi.DocumentUpdate;
import org.sistercities.policy.document.DocumentApi.DocumentView;
import org.sistercities.policy.document.DocumentApi.NewDocument;
import org.sistercities.policy.version.PolicyVersion;
import org.sistercities.policy.version.VersionApi.VersionSummary;
import org.sistercities.policy.version.VersionService;
import org.sistercities.policy.version.VersionStatus;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

@ApplicationScoped
public class DocumentService {

    /** Path segments under /api/v1/policies that are routes, so no document may take them as its slug. */
    private static final Set<String> RESERVED_SLUGS = Set.of("applicable");

    @Inject
    VersionService versions;
    @Inject
    EntityManager entityManager;

    @Transactional(Transactional.TxType.MANDATORY)
    public PolicyDocument create(NewDocument request, String actor) {
        if (RESERVED_SLUGS.contains(request.slug())) {
            throw DomainException.invalid("slug", "is reserved: " + request.slug() + " is a route of this API");
        }
        // Serialises creations of the same slug, so a race is a clean 409 rather than a unique-index failure.
        entityManager.createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "policy-slug:" + request.slug())
                .getSingleResult();
        if (PolicyDocument.count("slug", request.slug()) > 0) {
            throw DomainException.conflict("A policy with slug " + request.slug() + " already exists")
                    .with("slug", request.slug());
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        PolicyDocument document = new PolicyDocument();
        document.id = UUID.randomUUID();
        document.slug = request.slug();
        document.title = request.title();
        document.summary = request.summary();
        document.owner = request.owner();
        document.tags = normalizedTags(request.tags());
        document.createdAt = now;
        document.updatedAt = now;
        document.persist();
        entityManager.flush();
        versions.createFirst(document, request.title(), request.summary(), request.body(),
                request.appliesTo() == null ? null : request.appliesTo().toDomain(), actor);
        return document;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PolicyDocument update(String ref, Long expectedVersion, DocumentUpdate update) {
        PolicyDocument document = PolicyDocument.lockByRef(ref).orElseThrow(() -> DomainException.notFound("Policy", ref));
        ETags.requireMatch(expectedVersion, document.version);
        boolean changed = false;
        if (update.owner() != null && !update.owner().equals(document.owner)) {
            document.owner = update.owner();
            changed = true;
        }
        if (update.tags() != null && !normalizedTags(update.tags()).equals(document.tags)) {
            document.tags = normalizedTags(update.tags());
            changed = true;
        }
        if (changed) {
            document.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            entityManager.flush();
        }
        return document;
    }

    /** The document, if the caller may see it: without a published or retired version it exists only for headquarters. */
    @Transactional
    public DocumentView get(String ref, boolean mayReadDrafts) {
        PolicyDocument document = PolicyDocument.findByRef(ref).orElseThrow(() -> DomainException.notFound("Policy", ref));
        List<VersionSummary> visible = visibleVersions(List.of(document.id), mayReadDrafts).getOrDefault(document.id, List.of());
        if (visible.isEmpty()) {
            throw DomainException.notFound("Policy", ref);
        }
        return DocumentView.of(document, visible);
    }

    /**
     * Documents with at least one version the caller may see that matches the status and text filters,
     * in creation order (keyset pagination). Text uses PostgreSQL full-text search (English stemming, web
     * search syntax: words, "quoted phrases", or, -excluded) over title, summary and body.
     */
    @Transactional
    public Page<DocumentView> list(DocumentFilter filter, String cursor, int limit, boolean mayReadDrafts) {
        List<String> statuses = statusesToSearch(filter.status(), mayReadDrafts);
        StringBuilder sql = new StringBuilder("""
                SELECT d.id FROM policy_document d
                WHERE EXISTS (SELECT 1 FROM policy_version v WHERE v.document_id = d.id AND v.status IN (:statuses)""");
        Map<String, Object> params = new HashMap<>();
        params.put("statuses", statuses);
        if (filter.text() != null && !filter.text().isBlank()) {
            sql.append(" AND v.search @@ websearch_to_tsquery('english', :text)");
            params.put("text", filter.text());
        }
        sql.append(")");
        if (filter.tag() != null) {
            sql.append(" AND :tag = ANY (d.tags)");
            params.put("tag", filter.tag());
        }
        Cursor after = Cursor.decode(cursor);
        if (after != null) {
            sql.append(" AND (d.created_at > :afterAt OR (d.created_at = :afterAt AND d.id > :afterId))");
            params.put("afterAt", after.createdAt());
            params.put("afterId", after.id());
        }
        sql.append(" ORDER BY d.created_at, d.id LIMIT :limit");
        params.put("limit", limit + 1);
        var query = entityManager.createNativeQuery(sql.toString(), UUID.class);
        params.forEach(query::setParameter);
        @SuppressWarnings("unchecked")
        List<UUID> ids = query.getResultList();
        List<UUID> pageIds = ids.stream().limit(limit).toList();
        Map<UUID, PolicyDocument> byId = PolicyDocument.<PolicyDocument>list("id in ?1", pageIds).stream()
                .collect(Collectors.toMap(d -> d.id, d -> d));
        Map<UUID, List<VersionSummary>> visible = visibleVersions(pageIds, mayReadDrafts);
        List<DocumentView> items = pageIds.stream()
                .map(id -> DocumentView.of(byId.get(id), visible.getOrDefault(id, List.of())))
                .toList();
        String next = null;
        if (ids.size() > limit) {
            PolicyDocument last = byId.get(pageIds.get(limit - 1));
            next = new Cursor(last.createdAt, last.id).encode();
        }
        return new Page<>(items, next);
    }

    private static List<String> statusesToSearch(VersionStatus status, boolean mayReadDrafts) {
        if (status == VersionStatus.DRAFT && !mayReadDrafts) {
            throw DomainException.forbidden("Only headquarters (hq-admin) may list drafts");
        }
        if (status != null) {
            return List.of(status.name());
        }
        List<String> statuses = new ArrayList<>(List.of(VersionStatus.PUBLISHED.name(), VersionStatus.RETIRED.name()));
        if (mayReadDrafts) {
            statuses.add(VersionStatus.DRAFT.name());
        }
        return statuses;
    }

    private static Map<UUID, List<VersionSummary>> visibleVersions(List<UUID> documentIds, boolean mayReadDrafts) {
        if (documentIds.isEmpty()) {
            return Map.of();
        }
        return PolicyVersion.<PolicyVersion>list("document.id in ?1 order by number", documentIds).stream()
                .filter(v -> mayReadDrafts || v.status.isPublic())
                .collect(Collectors.groupingBy(v -> v.document.id, Collectors.mapping(VersionSummary::of, Collectors.toList())));
    }

    private static List<String> normalizedTags(List<String> tags) {
        return tags == null ? List.of() : tags.stream().distinct().sorted().toList();
    }
}
