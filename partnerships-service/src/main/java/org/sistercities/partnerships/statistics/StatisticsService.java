package org.sistercities.partnerships.statistics;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import org.sistercities.partnerships.partnership.PartnershipType;
import org.sistercities.partnerships.statistics.StatisticsApi.Bucket;
import org.sistercities.partnerships.statistics.StatisticsApi.CountryStatistics;
import org.sistercities.partnerships.statistics.StatisticsApi.Statistics;
import org.sistercities.partnerships.statistics.StatisticsApi.StatusChanges;
import org.sistercities.partnerships.status.PartnershipStatus;
import org.sistercities.platform.problem.DomainException;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.sistercities.partnerships.statistics.StatisticsApi.zeroByStatus;

/** Counts for the staff dashboard, each from one grouped query. */
@ApplicationScoped
public class StatisticsService {

    @Inject
    EntityManager entityManager;

    /** Partnerships by status, overall and per partner country (largest first), optionally filtered. */
    @Transactional
    public Statistics statistics(String state, PartnershipType type) {
        StringBuilder jpql = new StringBuilder("select pc.country, p.status, count(p) from Partnership p"
                + " join p.partnerCity pc join p.community c where 1 = 1");
        if (state != null) {
            jpql.append(" and c.state = :state");
        }
        if (type != null) {
            jpql.append(" and p.type = :type");
        }
        jpql.append(" group by pc.country, p.status");
        TypedQuery<Object[]> query = entityManager.createQuery(jpql.toString(), Object[].class);
        if (state != null) {
            query.setParameter("state", state);
        }
        if (type != null) {
            query.setParameter("type", type);
        }
        Map<PartnershipStatus, Long> byStatus = zeroByStatus();
        Map<String, Map<PartnershipStatus, Long>> byCountry = new TreeMap<>();
        long total = 0;
        for (Object[] row : query.getResultList()) {
            PartnershipStatus status = (PartnershipStatus) row[1];
            long count = ((Number) row[2]).longValue();
            total += count;
            byStatus.merge(status, count, Long::sum);
            byCountry.computeIfAbsent((String) row[0], c -> zeroByStatus()).merge(status, count, Long::sum);
        }
        List<CountryStatistics> countries = byCountry.entrySet().stream()
                .map(e -> new CountryStatistics(e.getKey(), e.getValue().values().stream().mapToLong(Long::longValue).sum(), e.getValue()))
                .sorted(Comparator.comparingLong(CountryStatistics::total).reversed())
                .toList();
        return new Statistics(total, byStatus, countries);
    }

    /**
     * Status changes per bucket of their effective date, by target status; every bucket from the one holding
     * {@code from} to the one holding {@code to} is present, empty ones too.
     */
    @Transactional
    public StatusChanges statusChanges(LocalDate from, LocalDate to, Granularity granularity) {
        if (from.isAfter(to)) {
            throw DomainException.invalid("from", "must not be after to (" + to + ")");
        }
        long buckets = granularity.bucketsBetween(from, to);
        if (buckets > Granularity.MAX_BUCKETS) {
            throw DomainException.invalid("granularity", "from " + from + " to " + to + " makes " + buckets + " "
                    + granularity.parameter() + " buckets, more than " + Granularity.MAX_BUCKETS
                    + ": choose a coarser granularity or a shorter range");
        }
        // The width is one of the enum's fixed words, never client text, so it may be part of the SQL.
        List<?> rows = entityManager.createNativeQuery("select to_char(date_trunc('" + granularity.sqlField()
                        + "', cast(effective_date as timestamp)), 'YYYY-MM-DD'), to_status, count(*) from status_change"
                        + " where effective_date between :from and :to group by 1, 2")
                .setParameter("from", from)
                .setParameter("to", to)
                .getResultList();
        Map<LocalDate, Map<PartnershipStatus, Long>> series = new LinkedHashMap<>();
        for (LocalDate start = granularity.bucketStart(from); !start.isAfter(to); start = granularity.next(start)) {
            series.put(start, zeroByStatus());
        }
        for (Object row : rows) {
            Object[] columns = (Object[]) row;
            series.get(LocalDate.parse((String) columns[0]))
                    .put(PartnershipStatus.valueOf((String) columns[1]), ((Number) columns[2]).longValue());
        }
        List<Bucket> result = new ArrayList<>(series.size());
        series.forEach((start, counts) -> result.add(new Bucket(start, counts)));
        return new StatusChanges(granularity, from, to, result);
    }
}
