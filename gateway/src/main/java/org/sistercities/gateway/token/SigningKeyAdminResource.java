package org.sistercities.gateway.token;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.sistercities.gateway.problem.RequestRejected;

import java.time.Duration;

/** Signing key rotation ({@code hq-admin} only, as every admin path). */
@Path("/api/v1/admin/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Signing keys (admin)")
public class SigningKeyAdminResource {

    private final SigningKeys keys;

    SigningKeyAdminResource(SigningKeys keys) {
        this.keys = keys;
    }

    /** @param lead how long the new key is only published before it signs; services refetch the JWKS in that time */
    public record RotateRequest(Duration lead) {
    }

    public record Rotated(String kid) {
    }

    @POST
    @Path("/rotate")
    @Operation(summary = "Add a signing key; both keys are published during the overlap")
    public Rotated rotate(RotateRequest request) {
        Duration lead = request == null || request.lead() == null ? Duration.ofMinutes(5) : request.lead();
        if (lead.isNegative()) {
            throw RequestRejected.invalid("lead", "lead must not be negative");
        }
        return new Rotated(keys.rotate(lead));
    }
}
