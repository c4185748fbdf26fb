package io.jieneng.analytics.quota;

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

/** {@code GET /api/v1/institutions/{id}/quota} (docs/CONTRACT.md §3). */
@Path("/api/v1/institutions/{id}/quota")
@Authenticated
public class QuotaResource {

    @Inject
    QuotaService quotas;

    @Inject
    RegistryService registry;

    @Inject
    Access access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Quota indicators of an institution for a year: actual, projection, share used and status")
    public QuotaReport get(@PathParam("id") String id,
                           @Parameter(description = "four-digit year in the deployment time zone; default: this year")
                           @QueryParam("year") String year,
                           @Parameter(description = "last day counted, YYYY-MM-DD within the year; default: today "
                                   + "for this year, 31 December for a past year")
                           @QueryParam("asOf") String asOf) {
        Institution institution = registry.current().institution(id)
                .orElseThrow(() -> ApiException.notFound("unknown institution", "no institution has the id " + id));
        access.checkInstitution(identity, institution);
        return quotas.quota(institution, TimeRange.parseYear(year, quotas.currentYear()), QuotaPeriod.parseAsOf(asOf));
    }
}
