package org.sistercities.policy.version;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.platform.web.ETags;
import org.sistercities.policy.applicability.AppliesTo;
import org.sistercities.policy.document.PolicyDocument;
import org.sistercities.policy.events.PolicyEvents;
import org.sistercities.policy.pdf.PdfService;
import org.sistercities.policy.version.VersionApi.VersionInput;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The version lifecycle. Every change to a document's versions first locks the document row, so changes to
 * one document run one at a time: of two concurrent publications both succeed in turn and the later one
 * is the published version; publishing the same version twice is a {@code 409} for the second.
 */
@ApplicationScoped
public class VersionService {

    @Inject
    PolicyEvents events;
    @Inject
    PdfService pdfs;
    @Inject
    EntityManager entityManager;

    /** The first draft of a new document. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PolicyVersion createFirst(PolicyDocument document, String title, String summary, String body,
                                     AppliesTo appliesTo, String actor) {
        return persistDraft(document, 1, title, summary, body, appliesTo, actor);
    }

    /** A new draft; what the input leaves out is copied from the latest version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PolicyVersion createDraft(String documentRef, VersionInput input, String actor) {
        PolicyDocument document = lock(documentRef);
        int latest = PolicyVersion.highestNumber(document.id);
        PolicyVersion base = PolicyVersion.findByNumber(document.id, latest).orElseThrow();
        return persistDraft(document, latest + 1,
                input.title() != null ? input.title() : base.title,
                input.summary() != null ? input.summary() : base.summary,
                input.body() != null ? input.body() : base.body,
                input.appliesTo() != null ? input.appliesTo().toDomain() : base.appliesTo(),
                actor);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PolicyVersion updateDraft(String documentRef, int number, Long expectedVersion, VersionInput input) {
        PolicyDocument document = lock(documentRef);
        PolicyVersion version = find(document, number);
        ETags.requireMatch(expectedVersion, version.version);
        if (!version.status.isEditable()) {
            throw DomainException.conflict("Version " + number + " is " + version.status
                            + ": published content is immutable; create a new version to change it")
                    .with("currentStatus", version.status.name());
        }
        if (input.title() != null) {
            version.title = input.title();
        }
        if (input.summary() != null) {
            version.summary = input.summary();
        }
        if (input.body() != null) {
            version.body = input.body();
        }
        if (input.appliesTo() != null) {
            version.setAppliesTo(input.appliesTo().toDomain());
        }
        if (PolicyVersion.findPublished(document.id).isEmpty() && PolicyVersion.highestNumber(document.id) == number) {
            // Until something is published, the catalogue shows the newest draft's title.
            document.title = version.title;
            document.summary = version.summary;
        }
        entityManager.flush();
        return version;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public PolicyVersion publish(String documentRef, int number, String actor) {
        PolicyDocument document = lock(documentRef);
        PolicyVersion version = find(document, number);
        requireMove(version, VersionStatus.PUBLISHED);
        Instant now = now();
        Optional<PolicyVersion> previous = PolicyVersion.findPublished(document.id);
        previous.ifPresent(old -> {
            old.status = VersionStatus.RETIRED;
            old.retiredAt = now;
            old.retiredBy = actor;
            old.replacedBy = version.id;
            // Out of the one-published-per-document index before the new version enters it.
            entityManager.flush();
        });
        version.status = VersionStatus.PUBLISHED;
        version.publishedAt = now;
        version.publishedBy = actor;
        document.title = version.title;
        document.summary = version.summary;
        document.updatedAt = now;
        entityManager.flush();
        pdfs.ensureStored(version);
        previous.ifPresent(events::retired);
        events.published(version, previous.map(old -> old.id).orElse(null));
        return version;
    }

    /** Withdraws the published version without a successor: the document then has no current version. */
    @Transactional(Transactional.TxType.MANDATORY)
    public PolicyVersion retire(String documentRef, int number, String actor) {
        PolicyDocument document = lock(documentRef);
        PolicyVersion version = find(document, number);
        requireMove(version, VersionStatus.RETIRED);
        Instant now = now();
        version.status = VersionStatus.RETIRED;
        version.retiredAt = now;
        version.retiredBy = actor;
        document.updatedAt = now;
        entityManager.flush();
        events.retired(version);
        return version;
    }

    /** A version the caller may read: drafts only for headquarters, and for anyone else they do not exist. */
    @Transactional
    public PolicyVersion get(String documentRef, int number, boolean mayReadDrafts) {
        PolicyDocument document = PolicyDocument.findByRef(documentRef)
                .orElseThrow(() -> DomainException.notFound("Policy", documentRef));
        PolicyVersion version = find(document, number);
        if (!mayReadDrafts && !version.status.isPublic()) {
            throw DomainException.notFound("Version", number + " of policy " + documentRef);
        }
        return version;
    }

    /** The published version of a document. */
    @Transactional
    public PolicyVersion current(String documentRef) {
        PolicyDocument document = PolicyDocument.findByRef(documentRef)
                .orElseThrow(() -> DomainException.notFound("Policy", documentRef));
        return PolicyVersion.findPublished(document.id)
                .orElseThrow(() -> DomainException.notFound("Published version of policy", documentRef));
    }

    @Transactional
    public List<PolicyVersion> list(String documentRef, boolean mayReadDrafts) {
        PolicyDocument document = PolicyDocument.findByRef(documentRef)
                .orElseThrow(() -> DomainException.notFound("Policy", documentRef));
        List<PolicyVersion> versions = PolicyVersion.listOf(document.id).stream()
                .filter(v -> mayReadDrafts || v.status.isPublic())
                .toList();
        if (versions.isEmpty()) {
            throw DomainException.notFound("Policy", documentRef);
        }
        return versions;
    }

    private PolicyVersion persistDraft(PolicyDocument document, int number, String title, String summary, String body,
                                       AppliesTo appliesTo, String actor) {
        PolicyVersion version = new PolicyVersion();
        version.id = UUID.randomUUID();
        version.document = document;
        version.number = number;
        version.status = VersionStatus.DRAFT;
        version.title = title;
        version.summary = summary;
        version.body = body;
        version.setAppliesTo(appliesTo == null ? AppliesTo.all() : appliesTo);
        version.createdAt = now();
        version.createdBy = actor;
        version.persist();
        entityManager.flush();
        return version;
    }

    private static PolicyDocument lock(String documentRef) {
        return PolicyDocument.lockByRef(documentRef).orElseThrow(() -> DomainException.notFound("Policy", documentRef));
    }

    private static PolicyVersion find(PolicyDocument document, int number) {
        return PolicyVersion.findByNumber(document.id, number)
                .orElseThrow(() -> DomainException.notFound("Version", number + " of policy " + document.slug));
    }

    private static void requireMove(PolicyVersion version, VersionStatus next) {
        if (!version.status.mayMoveTo(next)) {
            throw DomainException.conflict("Version " + version.number + " is " + version.status + " and cannot become " + next)
                    .with("currentStatus", version.status.name());
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
