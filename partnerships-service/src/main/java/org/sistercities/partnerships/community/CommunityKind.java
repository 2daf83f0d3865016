package org.sistercities.partnerships.community;

public enum CommunityKind {
    CITY, COUNTY, STATE
}
