package org.sistercities.events;

import java.util.UUID;

/**
 * The US community of a partnership, copied into events so that consumers need not call back for it.
 *
 * @param state USPS two-letter code
 */
public record CommunityRef(UUID id, String name, String state) {
}
