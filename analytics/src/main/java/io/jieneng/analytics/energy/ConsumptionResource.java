package io.jieneng.analytics.energy;

import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.analytics.security.Access;
import io.jieneng.devices.registry.Institution;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** {@code GET /api/v1/institutions/{id}/consumption} (docs/CONTRACT.md §3). */
@Path("/api/v1/institutions/{id}/consumption")
@Authenticated
public class ConsumptionResource {

    @Inject
    ConsumptionService consumption;

    @Inject
    RegistryService registry;

    @Inject
    Access access;

    @Inject
    SecurityIdentity identity;

    @Inject
    JienengConfig config;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Energy, water, kgce and CO2 of an institution per hour, day or month")
    public ConsumptionReport get(@PathParam("id") String id, @QueryParam("from") String from,
                                 @QueryParam("to") String to, @QueryParam("interval") @DefaultValue("day") String interval) {
        Institution institution = registry.current().institution(id)
                .orElseThrow(() -> ApiException.notFound("unknown institution", "no institution has the id " + id));
        access.checkInstitution(identity, institution);
        Interval iv = Interval.parse(interval).orElseThrow(() -> ApiException.badRequest("invalid parameter",
                "interval '" + interval + "' is not one of hour, day, month"));
        return consumption.consumption(institution, TimeRange.parse(from, to, config.timezone()), iv);
    }
}
