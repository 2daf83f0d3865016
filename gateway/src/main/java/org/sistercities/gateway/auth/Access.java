package org.sistercities.gateway.auth;

/** What a request needs before the gateway lets it through. */
public enum Access {
    /** Anyone; credentials, when presented, are still checked and forwarded. */
    OPEN,
    /** Any authenticated principal. */
    AUTHENTICATED,
    /** An {@code hq-admin}. */
    HQ_ADMIN
}
