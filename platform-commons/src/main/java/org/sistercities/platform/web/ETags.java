package org.sistercities.platform.web;

import jakarta.ws.rs.core.EntityTag;
import org.sistercities.platform.problem.DomainException;

/**
 * Entity tags from an aggregate's version number, and the {@code If-Match} check against them. Strong tags:
 * two equal versions are byte-for-byte the same representation.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    public static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /**
     * @return the version the client expects, or {@code null} when it sent no {@code If-Match} (or {@code *})
     */
    public static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Long.parseLong(tag);
        } catch (NumberFormatException e) {
            throw DomainException.invalid("If-Match", "must be an ETag this API returned, such as \"3\"");
        }
    }

    /** Throws a 412 problem when the client's version is not the current one. */
    public static void requireMatch(Long expectedVersion, long currentVersion) {
        if (expectedVersion != null && expectedVersion != currentVersion) {
            throw DomainException.preconditionFailed("If-Match " + of(expectedVersion) + " does not match the current version")
                    .with("currentETag", of(currentVersion));
        }
    }
}
