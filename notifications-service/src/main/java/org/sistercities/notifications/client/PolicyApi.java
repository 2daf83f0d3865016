package org.sistercities.notifications.client;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * policy-service's applicability query and documents. Answers are read as JSON trees and mapped in
 * {@link PolicyClient} only, so a change of shape there is a change in one method here.
 */
@RegisterRestClient(configKey = "policy")
@Path("/api/v1/policies")
interface PolicyApi {

    @GET
    @Path("/applicable")
    JsonNode applicable(@HeaderParam("Authorization") String authorization, @QueryParam("status") String status,
                        @QueryParam("reasonCategory") String reasonCategory, @QueryParam("country") String country);

    @GET
    @Path("/{idOrSlug}")
    JsonNode document(@HeaderParam("Authorization") String authorization, @PathParam("idOrSlug") String idOrSlug);

    @GET
    @Path("/{idOrSlug}/versions/{number}")
    JsonNode version(@HeaderParam("Authorization") String authorization, @PathParam("idOrSlug") String idOrSlug,
                     @PathParam("number") int number);
}
