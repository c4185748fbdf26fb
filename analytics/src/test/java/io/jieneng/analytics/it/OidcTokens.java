package io.jieneng.analytics.it;

import io.smallrye.jwt.build.Jwt;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * Access tokens as the agency's OpenID Connect provider issues them, signed with the test key that
 * {@link FreshPlatform} (oidc=true) trusts: what Grafana forwards to the API with {@code oauthPassThru}.
 */
final class OidcTokens {

    private OidcTokens() {
    }

    /** The audience of the tokens: analytics' default client id (JIENENG_OIDC_CLIENT_ID), which it requires. */
    static final String AUDIENCE = "jieneng";

    /**
     * A token of {@code subject} with Jieneng's role claim and, if not null, its scope claim, issued for
     * {@link #AUDIENCE}: a token Grafana forwards must be one the API accepts, audience included.
     */
    static String token(String subject, String role, String scopeClaim, String scope) throws Exception {
        return token(subject, role, scopeClaim, scope, AUDIENCE);
    }

    /** As {@link #token(String, String, String, String)}, with {@code audience} as its "aud" (none when null). */
    static String token(String subject, String role, String scopeClaim, String scope, String audience)
            throws Exception {
        var claims = Jwt.claims().subject(subject).upn(subject).claim("jieneng_role", role).expiresIn(300);
        if (audience != null) {
            claims.audience(audience);
        }
        if (scopeClaim != null) {
            claims.claim(scopeClaim, scope);
        }
        return claims.jws().keyId("test").sign(privateKey());
    }

    private static PrivateKey privateKey() throws Exception {
        String pem = new String(Api.resource("/oidc/test-private-pkcs8.pem"), StandardCharsets.US_ASCII)
                .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
    }
}
