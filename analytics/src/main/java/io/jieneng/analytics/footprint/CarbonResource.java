package io.jieneng.analytics.footprint;

import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.analytics.security.Access;
import io.jieneng.devices.registry.Institution;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

/** {@code GET /api/v1/institutions/{id}/carbon} (docs/CONTRACT.md §3). */
@Path("/api/v1/institutions/{id}/carbon")
@Authenticated
public class CarbonResource {

    @Inject
    CarbonService carbon;

    @Inject
    RegistryService registry;

    @Inject
    Access access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Scope 1 and 2 CO2 of an institution for a local calendar year, with the factors used")
    public CarbonReport get(@PathParam("id") String id,
                            @Parameter(description = "four-digit year in the deployment time zone; default: this year")
                            @QueryParam("year") String year) {
        Institution institution = registry.current().institution(id)
                .orElseThrow(() -> ApiException.notFound("unknown institution", "no institution has the id " + id));
        access.checkInstitution(identity, institution);
        return carbon.carbon(institution, TimeRange.parseYear(year, carbon.currentYear()));
    }
}
