package org.sistercities.policy.version;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class VersionStatusTest {

    @Test
    void onlyDraftToPublishedAndPublishedToRetiredAreAllowed() {
        Set<String> allowed = Set.of("DRAFT->PUBLISHED", "PUBLISHED->RETIRED");
        for (VersionStatus from : VersionStatus.values()) {
            for (VersionStatus to : VersionStatus.values()) {
                assertThat(from.mayMoveTo(to)).as(from + "->" + to).isEqualTo(allowed.contains(from + "->" + to));
            }
        }
    }

    @Test
    void onlyDraftsAreEditableAndOnlyDraftsArePrivate() {
        assertThat(EnumSet.allOf(VersionStatus.class).stream().filter(VersionStatus::isEditable)).containsExactly(VersionStatus.DRAFT);
        assertThat(EnumSet.allOf(VersionStatus.class).stream().filter(s -> !s.isPublic())).containsExactly(VersionStatus.DRAFT);
    }
}
