package org.sistercities.partnerships.contact;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.sistercities.partnerships.contact.ContactApi.ContactInput;
import org.sistercities.partnerships.contact.ContactApi.ContactView;
import org.sistercities.partnerships.partnership.Partnership;
import org.sistercities.partnerships.partnership.PartnershipService;
import org.sistercities.platform.security.Caller;
import org.sistercities.platform.security.Roles;

import java.util.List;
import java.util.UUID;

/**
 * A partnership's contacts: personal data, so only for callers who may act on the partnership, and for
 * services (notifications-service emails them).
 */
@Path("/api/v1/partnerships/{id}/contacts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {

    @Inject
    PartnershipService partnerships;
    @Inject
    ContactService contacts;
    @Inject
    Caller caller;

    @GET
    @Transactional
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY, Roles.SERVICE})
    public List<ContactView> list(@PathParam("id") UUID id) {
        Partnership partnership = partnerships.get(id);
        if (!caller.hasRole(Roles.SERVICE)) {
            caller.requireMayActOn(partnership.community.id, partnership.partnerCity.country);
        }
        return Contact.of(id).stream().map(ContactView::of).toList();
    }

    @PUT
    @Transactional
    @RolesAllowed({Roles.HQ_ADMIN, Roles.COUNTRY_REP, Roles.MUNICIPALITY})
    public List<ContactView> replace(@PathParam("id") UUID id,
                                     @NotNull @Size(max = 20) List<@NotNull @Valid ContactInput> replacement) {
        partnerships.lockInScope(id, caller);
        return contacts.replace(id, replacement).stream().map(ContactView::of).toList();
    }
}
