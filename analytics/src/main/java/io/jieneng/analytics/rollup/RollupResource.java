package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.TimeRange;
import io.jieneng.analytics.platform.JienengConfig;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Optional;

/** {@code POST /api/v1/rollups/rebuild} (docs/ROLLUPS.md, operations). */
@Path("/api/v1/rollups")
public class RollupResource {

    @Inject
    RollupService rollups;

    @Inject
    JienengConfig config;

    @POST
    @Path("/rebuild")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Recompute the rollups of a range from the raw readings, in the background")
    public Response rebuild(@QueryParam("from") String from, @QueryParam("to") String to,
                            @QueryParam("meter") String meter) {
        TimeRange range = TimeRange.parse(from, to, config.timezone());
        return Response.accepted(rollups.rebuild(range.from(), range.to(),
                Optional.ofNullable(meter).filter(m -> !m.isBlank()))).build();
    }
}
