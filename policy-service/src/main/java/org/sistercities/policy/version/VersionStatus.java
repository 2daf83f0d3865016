package org.sistercities.policy.version;

/**
 * A policy version's lifecycle: {@code DRAFT → PUBLISHED → RETIRED}. Only a draft's content may change;
 * once published, a version is what outreach sent, so a change is a new version.
 */
public enum VersionStatus {
    DRAFT,
    PUBLISHED,
    RETIRED;

    public boolean mayMoveTo(VersionStatus next) {
        return switch (this) {
            case DRAFT -> next == PUBLISHED;
            case PUBLISHED -> next == RETIRED;
            case RETIRED -> false;
        };
    }

    public boolean isEditable() {
        return this == DRAFT;
    }

    /** Published and retired versions were public once and stay readable; drafts are headquarters' work in progress. */
    public boolean isPublic() {
        return this != DRAFT;
    }
}
