package io.jieneng.analytics.quarantine;

import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.node.InProcessIngest;
import io.jieneng.ingest.quarantine.QuarantineEntry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** {@code GET /api/v1/quarantine}: the messages ingest refused, newest first, with their reasons (admin only). */
@Path("/api/v1/quarantine")
public class QuarantineResource {

    static final int MAX_LIMIT = 1000;

    @Inject
    InProcessIngest ingest;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Refused MQTT messages with device, topic, reason and payload, newest first")
    public List<QuarantineEntry> list(@QueryParam("meter") String meter,
                                      @QueryParam("limit") @DefaultValue("100") int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("invalid parameter", "limit must be between 1 and " + MAX_LIMIT);
        }
        try {
            return ingest.quarantine().recent(Optional.ofNullable(meter), limit);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the quarantine", e);
        }
    }
}
