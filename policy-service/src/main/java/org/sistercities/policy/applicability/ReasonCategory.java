package org.sistercities.policy.applicability;

/** The reason categories of a partnership status change (design.md, the domain). */
public enum ReasonCategory {
    POLITICAL,
    ADMINISTRATIVE,
    INACTIVITY,
    FUNDING,
    OTHER
}
