package io.jieneng.analytics.pue;

import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.analytics.security.Access;
import io.jieneng.devices.registry.DataCenter;
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

/** {@code GET /api/v1/datacenters/{id}/pue} (docs/CONTRACT.md §3). */
@Path("/api/v1/datacenters/{id}/pue")
@Authenticated
public class PueResource {

    @Inject
    PueService pue;

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
    @Operation(summary = "PUE (ISO/IEC 30134-2) of a data centre over a range, with its GB 40879-2021 grade")
    public PueReport get(@PathParam("id") String id,
                         @Parameter(description = "inclusive start: a local date or an instant with an offset")
                         @QueryParam("from") String from,
                         @Parameter(description = "exclusive end: a local date or an instant with an offset")
                         @QueryParam("to") String to) {
        DataCenter dc = registry.current().dataCenter(id)
                .orElseThrow(() -> ApiException.notFound("unknown data centre", "no data centre has the id " + id));
        Institution institution = registry.current().institution(dc.institution())
                .orElseThrow(() -> new IllegalStateException("data centre " + id + " belongs to institution "
                        + dc.institution() + ", which the registry does not have"));
        access.checkInstitution(identity, institution, "data centre " + id);
        return pue.pue(dc, TimeRange.parse(from, to, config.timezone()));
    }
}
