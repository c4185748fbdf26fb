package io.jieneng.analytics.security;

import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.devices.registry.UserRole;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.util.Optional;

/**
 * Maps the claims of an OpenID Connect token onto Jieneng's roles and scopes: the role claim must hold one of
 * {@code admin}, {@code auditor}, {@code institution}, {@code region}; an institution or region user also needs the
 * claim naming its institution or region code. A token without a usable role gets no role, so it can read
 * nothing. Identities from HTTP Basic pass through unchanged.
 */
@ApplicationScoped
public class OidcRoleAugmentor implements SecurityIdentityAugmentor {

    @Inject
    JienengConfig config;

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        JienengConfig.Oidc oidc = config.oidc();
        QuarkusSecurityIdentity.Builder b = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .setAnonymous(false);
        Optional<UserRole> role = claim(token, oidc.roleClaim()).flatMap(UserRole::fromJson);
        role.ifPresent(r -> b.addRole(r.json()));
        claim(token, oidc.institutionClaim())
                .ifPresent(v -> b.addAttribute(RegistryIdentityProvider.ATTR_INSTITUTION, v));
        claim(token, oidc.regionClaim()).ifPresent(v -> b.addAttribute(RegistryIdentityProvider.ATTR_REGION, v));
        return Uni.createFrom().item(b.build());
    }

    private static Optional<String> claim(JsonWebToken token, String name) {
        Object v = token.getClaim(name);
        if (v == null) {
            return Optional.empty();
        }
        String s = v instanceof jakarta.json.JsonString js ? js.getString() : v.toString();
        return s.isBlank() ? Optional.empty() : Optional.of(s);
    }
}
