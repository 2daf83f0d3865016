package org.sistercities.partnerships.status;

/** Why a status changed; POLITICAL is the case SCI's suspension policy speaks to. */
public enum ReasonCategory {
    POLITICAL, ADMINISTRATIVE, INACTIVITY, FUNDING, OTHER
}
