package io.jieneng.analytics.pv;

import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.analytics.security.Access;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterType;
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

/** {@code GET /api/v1/pv/{meterId}/performance} (docs/CONTRACT.md §3). */
@Path("/api/v1/pv/{meterId}/performance")
@Authenticated
public class PvPerformanceResource {

    @Inject
    PvPerformanceService performance;

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
    @Operation(summary = "Specific yield, self-consumption rate and performance ratio (IEC 61724-1) of a PV meter")
    public PvPerformanceReport get(@PathParam("meterId") String meterId,
                                   @Parameter(description = "inclusive start: a local date or an instant with an offset")
                                   @QueryParam("from") String from,
                                   @Parameter(description = "exclusive end: a local date or an instant with an offset")
                                   @QueryParam("to") String to) {
        Meter meter = registry.current().meter(meterId)
                .orElseThrow(() -> ApiException.notFound("unknown meter", "no meter has the id " + meterId));
        Institution institution = registry.current().institution(meter.institution())
                .orElseThrow(() -> new IllegalStateException("meter " + meterId + " belongs to institution "
                        + meter.institution() + ", which the registry does not have"));
        // Scope before type: a meter's type is its institution's data, not for a caller outside its scope.
        access.checkInstitution(identity, institution, "meter " + meterId);
        if (meter.type() != MeterType.PV) {
            throw ApiException.notFound("not a pv meter", "meter " + meterId + " is of type "
                    + meter.type().json() + "; performance is reported for pv meters only");
        }
        return performance.performance(meter, institution, TimeRange.parse(from, to, config.timezone()));
    }
}
