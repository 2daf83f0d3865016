package org.sistercities.notifications.email;

/** Why an email exists; outreach goes before broadcasts when both are due. */
public enum EmailKind {
    CASE_OPENED(0), CASE_RESOLVED(0), CASE_REMINDER(0), BROADCAST(10),
    // Webhooks and subscriptions (part 2): an owner's endpoint stopped; an address confirms; what subscribers asked for.
    ENDPOINT_DISABLED(0), SUBSCRIPTION_CONFIRM(0), SUBSCRIPTION_NOTICE(10);

    private final int priority;

    EmailKind(int priority) {
        this.priority = priority;
    }

    public int priority() {
        return priority;
    }
}
