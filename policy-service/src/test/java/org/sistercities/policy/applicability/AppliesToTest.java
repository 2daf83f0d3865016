package org.sistercities.policy.applicability;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.sistercities.policy.applicability.CoveredStatus.SUSPENDED;
import static org.sistercities.policy.applicability.CoveredStatus.TERMINATED;
import static org.sistercities.policy.applicability.CoveredStatus.UNDER_REVIEW;
import static org.sistercities.policy.applicability.ReasonCategory.FUNDING;
import static org.sistercities.policy.applicability.ReasonCategory.POLITICAL;

class AppliesToTest {

    private static final AppliesTo POLITICAL_POLICY = new AppliesTo(List.of(SUSPENDED, TERMINATED), List.of(POLITICAL), List.of());
    private static final AppliesTo CEO_STATEMENT = new AppliesTo(List.of(UNDER_REVIEW, SUSPENDED, TERMINATED), List.of(), List.of("RU"));

    @Test
    void emptyListsMeanAllInEveryDimension() {
        for (CoveredStatus status : CoveredStatus.values()) {
            for (ReasonCategory reason : ReasonCategory.values()) {
                for (String country : List.of("RU", "UA", "FR")) {
                    assertThat(AppliesTo.all().appliesTo(status, reason, country)).isTrue();
                }
            }
        }
    }

    @Test
    void aPolicyAppliesExactlyWhereEveryDimensionMatches() {
        for (CoveredStatus status : CoveredStatus.values()) {
            for (ReasonCategory reason : ReasonCategory.values()) {
                for (String country : List.of("RU", "UA")) {
                    boolean political = (status == SUSPENDED || status == TERMINATED) && reason == POLITICAL;
                    assertThat(POLITICAL_POLICY.appliesTo(status, reason, country)).as(status + " " + reason + " " + country).isEqualTo(political);
                    assertThat(CEO_STATEMENT.appliesTo(status, reason, country)).as(status + " " + reason + " " + country).isEqualTo(country.equals("RU"));
                }
            }
        }
    }

    @Test
    void anUnstatedPropertyOfTheChangeDoesNotNarrowTheAnswer() {
        assertThat(POLITICAL_POLICY.appliesTo(null, null, null)).isTrue();
        assertThat(POLITICAL_POLICY.appliesTo(SUSPENDED, null, "RU")).isTrue();
        assertThat(POLITICAL_POLICY.appliesTo(null, FUNDING, null)).isFalse();
        assertThat(CEO_STATEMENT.appliesTo(TERMINATED, POLITICAL, null)).isTrue();
    }

    @Test
    void countryBeatsReasonBeatsStatusAndNarrowerListsComeFirst() {
        AppliesTo everything = AppliesTo.all();
        AppliesTo statusOnly = new AppliesTo(List.of(SUSPENDED), List.of(), List.of());
        AppliesTo reasonOnly = new AppliesTo(List.of(), List.of(POLITICAL), List.of());
        AppliesTo russia = new AppliesTo(List.of(), List.of(), List.of("RU"));
        AppliesTo russiaAndBelarus = new AppliesTo(List.of(), List.of(), List.of("RU", "BY"));
        AppliesTo russiaPolitical = new AppliesTo(List.of(), List.of(POLITICAL), List.of("RU"));
        List<AppliesTo> shuffled = new ArrayList<>(Arrays.asList(everything, reasonOnly, russiaAndBelarus, statusOnly, russia, russiaPolitical));

        shuffled.sort(AppliesTo.MOST_SPECIFIC_FIRST);

        assertThat(shuffled).containsExactly(russiaPolitical, russia, russiaAndBelarus, reasonOnly, statusOnly, everything);
        assertThat(AppliesTo.MOST_SPECIFIC_FIRST.compare(CEO_STATEMENT, POLITICAL_POLICY)).isNegative();
    }

    @Test
    void scopesAreSortedAndFreeOfDuplicates() {
        AppliesTo scope = new AppliesTo(List.of(TERMINATED, SUSPENDED, TERMINATED), null, List.of("UA", "RU", "UA"));
        assertThat(scope.statuses()).containsExactly(SUSPENDED, TERMINATED);
        assertThat(scope.reasonCategories()).isEmpty();
        assertThat(scope.countries()).containsExactly("RU", "UA");
    }
}
