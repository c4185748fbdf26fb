package io.jieneng.analytics.alert;

import io.jieneng.analytics.error.ApiException;
import io.jieneng.analytics.registry.RegistryService;
import io.jieneng.analytics.security.RegistryIdentityProvider;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Registry;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.function.Predicate;

/**
 * Who may see and acknowledge which alerts (docs/ALERTS.md). Reading follows docs/CONTRACT.md §3: admin and auditor
 * everything, an institution user its institution, a region user the institutions of its subtree. Acknowledging
 * is acting on an alert, so only an admin or the institution's own users may; auditors and region users
 * supervise and only read.
 */
@ApplicationScoped
public class AlertAccess {

    @Inject
    RegistryService registry;

    /** The institutions whose alerts {@code who} may read. */
    public Predicate<String> visible(SecurityIdentity who) {
        if (who.hasRole("admin") || who.hasRole("auditor")) {
            return id -> true;
        }
        String own = who.getAttribute(RegistryIdentityProvider.ATTR_INSTITUTION);
        if (who.hasRole("institution") && own != null) {
            return own::equals;
        }
        String region = who.getAttribute(RegistryIdentityProvider.ATTR_REGION);
        if (who.hasRole("region") && region != null) {
            Registry r = registry.current();
            return id -> r.institution(id).map(i -> r.isWithin(i.region(), region)).orElse(false);
        }
        return id -> false;
    }

    /** Throws 403 unless {@code who} may read {@code alert}. */
    public void checkRead(SecurityIdentity who, Alert alert) {
        if (!visible(who).test(alert.institutionId())) {
            // Names the alert, not its institution: who an alert belongs to is that institution's data.
            throw ApiException.forbidden("user " + who.getPrincipal().getName() + " may not read alert "
                    + alert.id());
        }
    }

    /** Throws 403 unless {@code who} may read {@code institution}'s alerts. */
    public void checkRead(SecurityIdentity who, Institution institution) {
        if (!visible(who).test(institution.id())) {
            throw ApiException.forbidden("user " + who.getPrincipal().getName() + " may not read institution "
                    + institution.id());
        }
    }

    /** Throws 403 unless {@code who} is an admin or a user of the alert's institution. */
    public void checkAcknowledge(SecurityIdentity who, Alert alert) {
        checkRead(who, alert);
        boolean own = who.hasRole("institution")
                && alert.institutionId().equals(who.getAttribute(RegistryIdentityProvider.ATTR_INSTITUTION));
        if (!who.hasRole("admin") && !own) {
            throw ApiException.forbidden("only an admin or a user of the alert's institution may acknowledge "
                    + "alert " + alert.id() + "; user " + who.getPrincipal().getName() + " may only read it");
        }
    }

    /** Throws 403 unless {@code who} is an admin or an auditor (the delivery log names the webhook targets). */
    public void checkOperator(SecurityIdentity who) {
        if (!who.hasRole("admin") && !who.hasRole("auditor")) {
            throw ApiException.forbidden("only admins and auditors may read webhook deliveries");
        }
    }
}
