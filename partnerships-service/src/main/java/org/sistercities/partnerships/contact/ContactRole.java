package org.sistercities.partnerships.contact;

public enum ContactRole {
    COMMUNITY_CONTACT, MUNICIPAL_OFFICE, COMMITTEE_CHAIR
}
