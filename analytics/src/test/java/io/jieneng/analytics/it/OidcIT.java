package io.jieneng.analytics.it;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;

/**
 * Optional single sign-on: bearer tokens from the agency's OpenID Connect provider, mapped to Jieneng's roles
 * and scopes by their claims, next to HTTP Basic.
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "oidc", value = "true"))
class OidcIT extends PlatformTest {

    @Test
    void anInstitutionTokenReadsOnlyItsInstitution() throws Exception {
        String token = token("alice", "institution", "jieneng_institution", "it-office");
        bearer(token).queryParam("from", "2026-03-01").queryParam("to", "2026-03-02")
                .when().get("/api/v1/institutions/it-office/consumption").then().statusCode(200);
        bearer(token).queryParam("from", "2026-03-01").queryParam("to", "2026-03-02")
                .when().get("/api/v1/institutions/it-school/consumption").then().statusCode(403);
    }

    @Test
    void aRegionTokenReadsItsSubtreeAndAnAdminTokenMayImport() throws Exception {
        String region = token("bob", "region", "jieneng_region", "320500");
        bearer(region).queryParam("from", "2026-03-01").queryParam("to", "2026-03-02")
                .when().get("/api/v1/institutions/it-school/consumption").then().statusCode(200);
        bearer(region).queryParam("from", "2026-03-01").queryParam("to", "2026-03-02")
                .when().get("/api/v1/institutions/it-office/consumption").then().statusCode(403);
        bearer(token("carol", "admin", null, null)).when().get("/api/v1/quarantine").then().statusCode(200);
    }

    @Test
    void aTokenWithoutAUsableRoleOrWithABadSignatureReadsNothing() throws Exception {
        bearer(token("dave", "superuser", null, null)).when().get("/api/v1/registry").then().statusCode(403);
        String forged = token("eve", "admin", null, null);
        forged = forged.substring(0, forged.lastIndexOf('.') + 1) + "AAAA";
        bearer(forged).when().get("/api/v1/registry").then().statusCode(401);
    }

    @Test
    void aTokenIssuedForAnotherAudienceOrForNoneReadsNothing() throws Exception {
        bearer(token("frank", "admin", null, null, "grafana")).when().get("/api/v1/registry").then()
                .statusCode(401);
        bearer(token("frank", "admin", null, null, null)).when().get("/api/v1/registry").then().statusCode(401);
        bearer(token("frank", "admin", null, null, "jieneng")).when().get("/api/v1/registry").then().statusCode(200);
    }

    @Test
    void basicAuthStillWorksBesideTokens() {
        Api.as("auditor", "auditor-pass").when().get("/api/v1/registry").then().statusCode(200);
    }

    private static io.restassured.specification.RequestSpecification bearer(String token) {
        return given().header("Authorization", "Bearer " + token).header(Api.WRITE_HEADER, "jieneng");
    }

    private static String token(String subject, String role, String scopeClaim, String scope) throws Exception {
        return OidcTokens.token(subject, role, scopeClaim, scope);
    }

    private static String token(String subject, String role, String scopeClaim, String scope, String audience)
            throws Exception {
        return OidcTokens.token(subject, role, scopeClaim, scope, audience);
    }
}
