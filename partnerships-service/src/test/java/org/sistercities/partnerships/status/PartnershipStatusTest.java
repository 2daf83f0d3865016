package org.sistercities.partnerships.status;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sistercities.partnerships.status.PartnershipStatus.ACTIVE;
import static org.sistercities.partnerships.status.PartnershipStatus.SUSPENDED;
import static org.sistercities.partnerships.status.PartnershipStatus.TERMINATED;
import static org.sistercities.partnerships.status.PartnershipStatus.UNDER_REVIEW;

class PartnershipStatusTest {

    /** The moves design.md allows; every other pair must be refused. */
    private static final Set<String> ALLOWED = Set.of(
            "ACTIVE>UNDER_REVIEW", "ACTIVE>SUSPENDED", "ACTIVE>TERMINATED",
            "UNDER_REVIEW>ACTIVE", "UNDER_REVIEW>SUSPENDED", "UNDER_REVIEW>TERMINATED",
            "SUSPENDED>ACTIVE", "SUSPENDED>TERMINATED");

    static Stream<Arguments> everyPairOfStatuses() {
        return Stream.of(PartnershipStatus.values())
                .flatMap(from -> Stream.of(PartnershipStatus.values()).map(to -> Arguments.of(from, to)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("everyPairOfStatuses")
    void aMoveIsAllowedExactlyWhenTheLifecycleSaysSo(PartnershipStatus from, PartnershipStatus to) {
        assertThat(from.canMoveTo(to)).isEqualTo(ALLOWED.contains(from + ">" + to));
    }

    @org.junit.jupiter.api.Test
    void terminationIsFinal() {
        assertThat(TERMINATED.allowedNext()).isEmpty();
    }

    @org.junit.jupiter.api.Test
    void aSuspensionCanBeLiftedButNotSentBackToReview() {
        assertThat(SUSPENDED.allowedNext()).containsExactlyInAnyOrder(ACTIVE, TERMINATED);
        assertThat(SUSPENDED.canMoveTo(UNDER_REVIEW)).isFalse();
        assertThat(UNDER_REVIEW.allowedNext()).containsExactlyInAnyOrder(ACTIVE, SUSPENDED, TERMINATED);
    }
}
