package org.sistercities.partnerships.statistics;

import com.fasterxml.jackson.annotation.JsonValue;

import org.sistercities.platform.problem.DomainException;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** The bucket width of the status-change time series; weeks start on Monday (ISO, as PostgreSQL's date_trunc). */
public enum Granularity {
    DAY(ChronoUnit.DAYS), WEEK(ChronoUnit.WEEKS), MONTH(ChronoUnit.MONTHS);

    /** The longest series a request may ask for: a year of days. */
    static final int MAX_BUCKETS = 366;

    private final ChronoUnit unit;

    Granularity(ChronoUnit unit) {
        this.unit = unit;
    }

    /** The start of the bucket that holds {@code date}. */
    LocalDate bucketStart(LocalDate date) {
        return switch (this) {
            case DAY -> date;
            case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> date.withDayOfMonth(1);
        };
    }

    LocalDate next(LocalDate bucketStart) {
        return bucketStart.plus(1, unit);
    }

    /** How many buckets cover [from, to]. */
    long bucketsBetween(LocalDate from, LocalDate to) {
        return unit.between(bucketStart(from), bucketStart(to)) + 1;
    }

    /** The name PostgreSQL's {@code date_trunc} knows this width by. */
    String sqlField() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonValue
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the granularity named by the {@code granularity} parameter, {@link #MONTH} when absent */
    static Granularity parse(String text) {
        if (text == null || text.isBlank()) {
            return MONTH;
        }
        for (Granularity granularity : values()) {
            if (granularity.parameter().equals(text)) {
                return granularity;
            }
        }
        throw DomainException.invalid("granularity", "must be one of day, week, month");
    }
}
