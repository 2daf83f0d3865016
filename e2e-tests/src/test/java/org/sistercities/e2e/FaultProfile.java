package org.sistercities.e2e;

import java.time.Duration;
import java.util.Locale;

/**
 * How hard the fault suite pushes: {@code short} (the default, in every {@code ./mvnw verify}) keeps each
 * outage to seconds so the whole suite adds about two minutes; {@code long} ({@code -Dsci.faults=long}) uses
 * the outages of issue 9 (SMTP down 30 s and so on) at a higher rate.
 *
 * @param rate          status changes per second, sent at a constant rate whatever the answers
 * @param partnerships  how many partnerships the load cycles through (ACTIVE ⇄ SUSPENDED): enough that a
 *                      partnership stays suspended longer than an outage lasts, so its case writes before the
 *                      reinstatement resolves it (a case resolved before its outreach went out writes to no one)
 * @param settle        load without a fault before the first fault and after each one
 * @param kafkaDown     how long the broker stays dead
 * @param serviceDown   how long a killed service stays dead before it is started again
 * @param postgresDown  how long PostgreSQL stays stopped
 * @param smtpDown      how long the SMTP port stays closed
 * @param webhookPhase  how long the misbehaving endpoint answers 500, then 429, then not at all
 */
record FaultProfile(String name, double rate, int partnerships, Duration settle, Duration kafkaDown, Duration serviceDown,
                    Duration postgresDown, Duration smtpDown, Duration webhookPhase) {

    static final String PROPERTY = "sci.faults";

    static FaultProfile current() {
        String name = System.getProperty(PROPERTY, "short").trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "", "short" -> new FaultProfile("short", 3, 90, Duration.ofSeconds(3), Duration.ofSeconds(3),
                    Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(3));
            case "long" -> new FaultProfile("long", 6, 300, Duration.ofSeconds(10), Duration.ofSeconds(20),
                    Duration.ofSeconds(15), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofSeconds(20));
            default -> throw new IllegalArgumentException(PROPERTY + " is 'short' or 'long', not '" + name + "'");
        };
    }
}
