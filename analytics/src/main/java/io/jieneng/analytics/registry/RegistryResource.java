package io.jieneng.analytics.registry;

import io.jieneng.analytics.error.ApiException;
import io.jieneng.devices.registry.ImportResult;
import io.jieneng.devices.registry.RegistryDocuments;
import io.jieneng.devices.registry.RegistryValidationException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Map;

/** {@code PUT/GET /api/v1/registry}: the registry document of docs/CONTRACT.md §2. */
@Path("/api/v1/registry")
public class RegistryResource {

    @Inject
    RegistryService registry;

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    @Operation(summary = "Upsert the registry document; nothing is written if any problem is found")
    public ImportResult put(byte[] body) {
        try {
            return registry.importDocument(RegistryDocuments.parse(body));
        } catch (RegistryValidationException e) {
            throw new ApiException(Response.Status.BAD_REQUEST, "invalid registry document",
                    e.problems().size() + " problem(s); nothing was written", Map.of("problems", e.problems()));
        }
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({"admin", "auditor"})
    @Operation(summary = "The registry document, without secrets or passwords")
    public Response get() {
        return Response.ok(RegistryDocuments.toJson(registry.current().document()), MediaType.APPLICATION_JSON_TYPE)
                .build();
    }
}
