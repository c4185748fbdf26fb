package io.jieneng.devices.registry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The registry store and revocation scenarios on a real PostgreSQL, given by {@code JIENENG_TEST_PG_URL},
 * {@code JIENENG_TEST_PG_USER} and {@code JIENENG_TEST_PG_PASSWORD}. Every test runs in a schema of its own,
 * named after this class and dropped at the end, so that no test class or test sees another's data.
 */
class RegistryRoundTripPostgresIT extends DeletionScenarios {

    private static final String SCHEMA_PREFIX = "registry_it_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private static final List<String> SCHEMAS = new ArrayList<>();

    private static String url;
    private static String user;
    private static String password;

    @BeforeAll
    static void requirePostgres() {
        url = System.getenv("JIENENG_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            fail("JIENENG_TEST_PG_URL is not set: run the integration tests with ./jieneng test, which starts "
                    + "PostgreSQL and sets JIENENG_TEST_PG_URL, JIENENG_TEST_PG_USER and JIENENG_TEST_PG_PASSWORD");
        }
        user = System.getenv("JIENENG_TEST_PG_USER");
        password = System.getenv("JIENENG_TEST_PG_PASSWORD");
    }

    @Override
    Target freshDatabase() throws SQLException {
        String schema = SCHEMA_PREFIX + SCHEMAS.size();
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        return new Target(url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema, user, password);
    }

    @AfterAll
    static void dropSchemas() throws SQLException {
        if (url == null || SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
