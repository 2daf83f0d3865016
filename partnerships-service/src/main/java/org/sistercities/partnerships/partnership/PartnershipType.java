package org.sistercities.partnerships.partnership;

public enum PartnershipType {
    SISTER_CITY, SISTER_COUNTY, SISTER_STATE, FRIENDSHIP_CITY
}
