package org.sistercities.gateway.auth;

import java.util.Arrays;
import java.util.Optional;

/** The {@code groups} values of design.md; each principal has exactly one. */
public enum Role {
    HQ_ADMIN("hq-admin"),
    COUNTRY_REP("country-rep"),
    MUNICIPALITY("municipality"),
    VIEWER("viewer"),
    SERVICE("service");

    private final String group;

    Role(String group) {
        this.group = group;
    }

    public String group() {
        return group;
    }

    public static Optional<Role> fromGroup(String group) {
        return Arrays.stream(values()).filter(role -> role.group.equals(group)).findFirst();
    }
}
