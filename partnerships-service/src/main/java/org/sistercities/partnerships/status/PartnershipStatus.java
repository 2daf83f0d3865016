package org.sistercities.partnerships.status;

import java.util.EnumSet;
import java.util.Set;

/**
 * The status lifecycle of a partnership (design.md): who may move where. TERMINATED is final; a suspension
 * can be lifted; a review ends in keeping, suspending or terminating the tie.
 */
public enum PartnershipStatus {
    ACTIVE, UNDER_REVIEW, SUSPENDED, TERMINATED;

    public Set<PartnershipStatus> allowedNext() {
        return switch (this) {
            case ACTIVE -> EnumSet.of(UNDER_REVIEW, SUSPENDED, TERMINATED);
            case UNDER_REVIEW -> EnumSet.of(ACTIVE, SUSPENDED, TERMINATED);
            case SUSPENDED -> EnumSet.of(ACTIVE, TERMINATED);
            case TERMINATED -> EnumSet.noneOf(PartnershipStatus.class);
        };
    }

    public boolean canMoveTo(PartnershipStatus next) {
        return allowedNext().contains(next);
    }
}
