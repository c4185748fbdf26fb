package io.jieneng.analytics.region;

import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.quota.QuotaPeriod;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.analytics.security.Access;
import io.jieneng.devices.registry.Region;
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

/** {@code GET /api/v1/regions/{code}/summary} (docs/CONTRACT.md §3). */
@Path("/api/v1/regions/{code}/summary")
@Authenticated
public class RegionResource {

    @Inject
    RegionService regions;

    @Inject
    RegistryService registry;

    @Inject
    Access access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Totals, intensities, quota compliance and NEV share of a region and every region below it")
    public RegionSummary get(@PathParam("code") String code,
                             @Parameter(description = "four-digit year in the deployment time zone; default: this year")
                             @QueryParam("year") String year,
                             @Parameter(description = "last day counted, YYYY-MM-DD within the year; default: today "
                                     + "for this year, 31 December for a past year")
                             @QueryParam("asOf") String asOf) {
        Region region = registry.current().region(code)
                .orElseThrow(() -> ApiException.notFound("unknown region", "no region has the code " + code));
        access.checkRegion(identity, region);
        return regions.summary(region, TimeRange.parseYear(year, regions.currentYear()), QuotaPeriod.parseAsOf(asOf));
    }
}
