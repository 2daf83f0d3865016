package org.sistercities.notifications.outreach;

/** PREPARING: recipients and policies are being gathered; OPEN: the outreach went out; RESOLVED: it ended. */
public enum CaseStatus {
    PREPARING, OPEN, RESOLVED
}
