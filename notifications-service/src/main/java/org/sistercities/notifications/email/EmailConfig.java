package org.sistercities.notifications.email;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "sci.email")
public interface EmailConfig {

    /** Whether this instance runs the sending worker; several instances share the queue safely. */
    @WithDefault("true")
    boolean workerEnabled();

    /** How often the worker looks for due emails. */
    @WithDefault("1s")
    Duration pollInterval();

    /** Most emails claimed per round. */
    @WithDefault("100")
    int batchSize();

    /**
     * The most emails this instance has in the hands of SMTP at once. Keep it at most
     * {@code quarkus.mailer.max-pool-size} (default 10): an email waiting inside the mailer for a connection
     * would spend its send timeout waiting, be retried, and then be sent twice.
     */
    @WithDefault("10")
    int maxInFlight();

    /** Pacing: the most emails this instance hands to SMTP per second. */
    @WithDefault("20")
    int maxPerSecond();

    /** After this many failed attempts an email is FAILED and stays visible in its case or broadcast. */
    @WithDefault("10")
    int maxAttempts();

    /** First wait after a failed attempt; doubles up to {@link #maxBackoff()}, with jitter. */
    @WithDefault("30s")
    Duration initialBackoff();

    @WithDefault("1h")
    Duration maxBackoff();

    /**
     * How long a claimed email belongs to the instance that claimed it. An instance that dies mid-send
     * leaves the row in SENDING; after the lease another instance sends it again, with the same Message-ID.
     */
    @WithDefault("2m")
    Duration claimLease();

    /** Bound on one SMTP hand-over, so a hung server cannot hold a claim forever. */
    @WithDefault("30s")
    Duration sendTimeout();

    /**
     * Memory for attachment files (policy PDFs) kept by {@link AttachmentCache}, so that every email of a case or
     * broadcast does not read the same PDF from the database again.
     */
    @WithDefault("32M")
    MemorySize attachmentCache();

    /** The domain part of generated Message-IDs. */
    @WithDefault("notifications.sistercities.org")
    String messageIdDomain();
}
