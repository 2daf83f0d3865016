package org.sistercities.notifications.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import java.util.List;
import java.util.UUID;

/** partnerships-service as this service uses it; read tolerantly, so new fields there break nothing here. */
@RegisterRestClient(configKey = "partnerships")
@Path("/api/v1")
interface PartnershipsApi {

    @GET
    @Path("/partnerships/{id}/contacts")
    List<Contact> contacts(@HeaderParam("Authorization") String authorization, @PathParam("id") UUID partnershipId);

    @GET
    @Path("/countries/{iso}/representatives")
    List<Representative> representatives(@HeaderParam("Authorization") String authorization, @PathParam("iso") String country);

    @GET
    @Path("/partnerships")
    PartnershipPage partnerships(@HeaderParam("Authorization") String authorization,
                                 @QueryParam("country") String country, @QueryParam("status") String status,
                                 @QueryParam("type") String type, @QueryParam("cursor") String cursor,
                                 @QueryParam("limit") int limit);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Contact(UUID id, String role, String name, String email) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Representative(UUID id, String country, String name, String email, String title) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PartnershipPage(List<PartnershipItem> items, String nextCursor) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record PartnershipItem(UUID id, String status, String type) {
    }
}
