package io.jieneng.analytics.it;

import io.jieneng.devices.registry.Gateway;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.specification.RequestSpecification;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.stream.Stream;

import static io.restassured.RestAssured.given;

/** REST calls as the platform's users. */
public final class Api {

    public static final String ADMIN_PASSWORD = "test-admin";

    /** Reads JSON numbers as BigDecimal: RestAssured's default, float, would lose the digits being asserted. */
    public static final JsonPathConfig EXACT = JsonPathConfig.jsonPathConfig()
            .numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL);

    private Api() {
    }

    public static RequestSpecification as(String user, String password) {
        return given().auth().preemptive().basic(user, password);
    }

    public static RequestSpecification asAdmin() {
        return as("admin", ADMIN_PASSWORD);
    }

    /** Imports the test registry ({@code it-registry.json}) as admin and fails unless it is accepted. */
    public static void importTestRegistry() {
        asAdmin().contentType("application/json").body(resource("/it-registry.json"))
                .when().put("/api/v1/registry").then().statusCode(200);
    }

    /** Imports the registry document {@code resource} (a test resource path) as admin and fails unless accepted. */
    public static void importRegistry(String resource) {
        asAdmin().contentType("application/json").body(resource(resource))
                .when().put("/api/v1/registry").then().statusCode(200);
    }

    /** The clear secret that the registry document {@code resource} gives meter or gateway {@code deviceId}. */
    public static String deviceSecret(String resource, String deviceId) {
        RegistryDocument doc = RegistryDocuments.parse(resource(resource));
        return Stream.concat(doc.meters().stream().filter(m -> m.id().equals(deviceId)).map(Meter::secret),
                        doc.gateways().stream().filter(g -> g.id().equals(deviceId)).map(Gateway::secret))
                .findFirst().orElseThrow(() -> new IllegalArgumentException(resource + " has no device " + deviceId));
    }

    public static byte[] resource(String name) {
        try (InputStream in = Api.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
