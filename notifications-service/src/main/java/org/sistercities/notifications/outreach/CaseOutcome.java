package org.sistercities.notifications.outreach;

/** How a case ended (the values of {@code outreach.case-resolved.v1}). */
public enum CaseOutcome {
    KEPT, REINSTATED, SUSPENDED, TERMINATED, CLOSED_BY_STAFF;

    /**
     * The outcome that a status change records for the case still open before it.
     *
     * @param from the status the case was opened for
     * @param to   the new status
     */
    public static CaseOutcome ofChange(String from, String to) {
        return switch (to) {
            case "ACTIVE" -> "UNDER_REVIEW".equals(from) ? KEPT : REINSTATED;
            case "SUSPENDED" -> SUSPENDED;
            case "TERMINATED" -> TERMINATED;
            default -> CLOSED_BY_STAFF;
        };
    }

    /** Whether the community is still partnered, and so gets a thank-you. */
    public boolean keepsThePartnership() {
        return this == KEPT || this == REINSTATED;
    }
}
