package org.sistercities.policy.applicability;

/** The partnership statuses a policy can speak to: the moments when headquarters' counsel is sent. */
public enum CoveredStatus {
    UNDER_REVIEW,
    SUSPENDED,
    TERMINATED
}
