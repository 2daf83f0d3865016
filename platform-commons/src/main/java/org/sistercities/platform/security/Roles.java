package org.sistercities.platform.security;

/** The {@code groups} values of the gateway's tokens (design.md, Security). */
public final class Roles {

    public static final String HQ_ADMIN = "hq-admin";
    public static final String COUNTRY_REP = "country-rep";
    public static final String MUNICIPALITY = "municipality";
    public static final String VIEWER = "viewer";
    public static final String SERVICE = "service";

    private Roles() {
    }
}
