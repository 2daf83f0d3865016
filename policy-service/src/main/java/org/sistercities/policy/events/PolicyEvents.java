package org.sistercities.policy.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.sistercities.events.Applicability;
import org.sistercities.events.EventType;
import org.sistercities.events.PolicyPublishedV1;
import org.sistercities.events.PolicyRetiredV1;
import org.sistercities.policy.applicability.AppliesTo;
import org.sistercities.policy.version.PolicyVersion;
import org.sistercities.platform.outbox.Outbox;

import java.util.UUID;

/** The one mapping from policy versions to the contract's event payloads, written to the outbox. */
@ApplicationScoped
public class PolicyEvents {

    static final String AGGREGATE = "policy-document";

    @Inject
    Outbox outbox;

    public void published(PolicyVersion v, UUID previousVersionId) {
        outbox.append(EventType.POLICY_PUBLISHED, AGGREGATE, v.document.id, new PolicyPublishedV1(
                v.document.id, v.document.slug, v.title, v.id, v.number, applicability(v.appliesTo()),
                previousVersionId, v.publishedBy, v.publishedAt));
    }

    public void retired(PolicyVersion v) {
        outbox.append(EventType.POLICY_RETIRED, AGGREGATE, v.document.id, new PolicyRetiredV1(
                v.document.id, v.document.slug, v.title, v.id, v.number, v.replacedBy, v.retiredBy, v.retiredAt));
    }

    private static Applicability applicability(AppliesTo scope) {
        return new Applicability(scope.statuses().stream().map(Enum::name).toList(),
                scope.reasonCategories().stream().map(Enum::name).toList(), scope.countries());
    }
}
