package org.sistercities.policy.applicability;

import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.sistercities.platform.problem.DomainException;
import org.sistercities.policy.applicability.ApplicabilityApi.ApplicablePolicies;

import java.util.Arrays;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code GET /api/v1/policies/applicable?status=SUSPENDED&reasonCategory=POLITICAL&country=RU}: the current
 * published versions that speak to such a change, most specific first. notifications-service attaches their
 * PDFs to outreach; the answer is public, like the policies themselves.
 */
@Path("/api/v1/policies/applicable")
@Produces(MediaType.APPLICATION_JSON)
public class ApplicableResource {

    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

    @Inject
    ApplicableService applicable;

    @GET
    @PermitAll
    public ApplicablePolicies applicable(@QueryParam("status") String status,
                                         @QueryParam("reasonCategory") String reasonCategory,
                                         @QueryParam("country") String country) {
        if (country != null && !COUNTRY.matcher(country).matches()) {
            throw DomainException.invalid("country", "must be an ISO 3166-1 alpha-2 code such as RU");
        }
        return applicable.applicable(parse(CoveredStatus.class, "status", status),
                parse(ReasonCategory.class, "reasonCategory", reasonCategory), country);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(field, "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
