package org.sistercities.events;

import java.util.UUID;

/**
 * The partner city abroad, copied into events so that consumers need not call back for it.
 *
 * @param region  nullable
 * @param country ISO 3166-1 alpha-2, upper case
 */
public record PartnerCityRef(UUID id, String name, String region, String country) {
}
