package org.sistercities.partnerships.statistics;

import org.sistercities.partnerships.status.PartnershipStatus;

import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** The REST representations of the partnership statistics. */
public final class StatisticsApi {

    private StatisticsApi() {
    }

    public record Statistics(long total, Map<PartnershipStatus, Long> byStatus, List<CountryStatistics> byCountry) {
    }

    public record CountryStatistics(String country, long total, Map<PartnershipStatus, Long> byStatus) {
    }

    public record StatusChanges(Granularity granularity, LocalDate from, LocalDate to, List<Bucket> buckets) {
    }

    /** The changes whose effective date falls in [start, next bucket's start), counted by target status. */
    public record Bucket(LocalDate start, Map<PartnershipStatus, Long> byStatus) {
    }

    /** Every status, in lifecycle order, counted zero until counted. */
    static Map<PartnershipStatus, Long> zeroByStatus() {
        Map<PartnershipStatus, Long> counts = new EnumMap<>(PartnershipStatus.class);
        for (PartnershipStatus status : PartnershipStatus.values()) {
            counts.put(status, 0L);
        }
        return counts;
    }
}
