package io.jieneng.analytics.registry;

import io.jieneng.analytics.security.Access;
import io.jieneng.devices.registry.Institution;
import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /api/v1/institutions}: the institutions the caller may read, by the same rule as every institution
 * endpoint (an institution user its own, a region user those of its subtree, admin and auditor all), sorted by id. Grafana's
 * institution-facing dashboards fill their institution picker from it; the registry document itself stays
 * admin/auditor only.
 */
@Path("/api/v1/institutions")
@Authenticated
public class InstitutionListResource {

    /**
     * One institution as the list shows it: no floor area, occupants or meters, which the other endpoints serve.
     * The id is {@code institutionId}, as in every other answer about an institution.
     */
    public record Entry(String institutionId, String name, String region, String category) {
    }

    @Inject
    RegistryService registry;

    @Inject
    Access access;

    @Inject
    SecurityIdentity identity;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The institutions the caller may read (id, name, region, category)")
    public List<Entry> get() {
        return registry.current().document().institutions().stream()
                .filter(i -> access.mayRead(identity, i))
                .sorted(Comparator.comparing(Institution::id))
                .map(i -> new Entry(i.id(), i.name(), i.region(), i.category()))
                .toList();
    }
}
