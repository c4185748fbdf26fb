package io.jieneng.analytics.security;

import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Region;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Who may read what (docs/CONTRACT.md §3): admin and auditor read everything, an institution user only its own
 * institution, a region user its region and every region below it.
 */
@ApplicationScoped
public class Access {

    @Inject
    RegistryService registry;

    /**
     * Throws 403 unless {@code who} may read the figures of {@code region} and everything below it: admin and
     * auditor any region, a region user its own region and those below it, an institution user none.
     */
    public void checkRegion(SecurityIdentity who, Region region) {
        if (who.hasRole("admin") || who.hasRole("auditor")) {
            return;
        }
        String own = who.getAttribute(RegistryIdentityProvider.ATTR_REGION);
        if (who.hasRole("region") && own != null && registry.current().isWithin(region.code(), own)) {
            return;
        }
        throw ApiException.forbidden("user " + who.getPrincipal().getName() + " may not read region "
                + region.code());
    }

    /** Throws 403 unless {@code who} may read {@code institution}'s data. */
    public void checkInstitution(SecurityIdentity who, Institution institution) {
        checkInstitution(who, institution, "institution " + institution.id());
    }

    /**
     * Throws 403 unless {@code who} may read the data of {@code owner}, the institution {@code subject} (a meter,
     * a data centre: what the caller asked for) belongs to. The refusal names only the subject: who owns a meter
     * or a data centre is itself the owner's data (docs/SECURITY.md).
     */
    public void checkInstitution(SecurityIdentity who, Institution owner, String subject) {
        if (!mayRead(who, owner)) {
            throw ApiException.forbidden("user " + who.getPrincipal().getName() + " may not read " + subject);
        }
    }

    /** Whether {@code who} may read {@code institution}'s data: the rule every check above applies. */
    public boolean mayRead(SecurityIdentity who, Institution institution) {
        if (who.hasRole("admin") || who.hasRole("auditor")) {
            return true;
        }
        if (who.hasRole("institution")
                && institution.id().equals(who.getAttribute(RegistryIdentityProvider.ATTR_INSTITUTION))) {
            return true;
        }
        String region = who.getAttribute(RegistryIdentityProvider.ATTR_REGION);
        return who.hasRole("region") && region != null && registry.current().isWithin(institution.region(), region);
    }
}
