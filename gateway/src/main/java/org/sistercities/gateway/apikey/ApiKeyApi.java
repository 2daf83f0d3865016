package org.sistercities.gateway.apikey;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The admin API's request and response bodies. */
public final class ApiKeyApi {

    private ApiKeyApi() {
    }

    /** A new key's attributes; {@code role} is a {@code groups} value of design.md. */
    public record CreateRequest(@NotBlank @Size(max = 200) String name,
                                @NotBlank @Size(max = 200) String owner,
                                @NotBlank String role,
                                List<String> countries,
                                List<String> communities,
                                Instant expiresAt) {
    }

    /** How long the old key keeps working beside the new one; the configured grace when absent. */
    public record RotateRequest(Duration gracePeriod) {
    }

    public record View(UUID id, String prefix, String name, String owner, String role, List<String> countries,
                       List<String> communities, Instant createdAt, Instant lastUsedAt, Instant expiresAt,
                       Instant revokedAt, UUID replacedBy) {
    }

    /** The only response that ever carries the key itself. */
    public record Issued(@NotNull String key, View apiKey) {
    }

    static View view(ApiKeyEntity e) {
        return new View(e.id, e.prefix, e.name, e.owner, e.role, List.copyOf(e.countries), List.copyOf(e.communities),
                e.createdAt, e.lastUsedAt, e.expiresAt, e.revokedAt, e.replacedBy);
    }
}
