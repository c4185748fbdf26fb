package io.jieneng.analytics.registry;

import org.junit.jupiter.api.AfterAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The drift scenario on a real PostgreSQL ({@code JIENENG_TEST_PG_URL}, {@code _USER}, {@code _PASSWORD}), as
 * two analytics instances share it in a scale-out; every test in a schema of its own, dropped at the end.
 */
class RegistryDriftPostgresIT extends RegistryDriftScenario {

    private static final String PREFIX = "drift_it_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private static final List<String> SCHEMAS = new ArrayList<>();

    @Override
    String freshDatabase() throws Exception {
        String url = url();
        Class.forName("org.postgresql.Driver", true, RegistryDriftPostgresIT.class.getClassLoader());
        String schema = PREFIX + SCHEMAS.size();
        try (Connection c = DriverManager.getConnection(url, user(), password()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    private static String url() {
        String url = System.getenv("JIENENG_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            fail("JIENENG_TEST_PG_URL is not set: run the integration tests with ./jieneng test, which starts "
                    + "PostgreSQL and sets JIENENG_TEST_PG_URL, JIENENG_TEST_PG_USER and JIENENG_TEST_PG_PASSWORD");
        }
        return url;
    }

    @Override
    String user() {
        return System.getenv("JIENENG_TEST_PG_USER");
    }

    @Override
    String password() {
        return System.getenv("JIENENG_TEST_PG_PASSWORD");
    }

    @AfterAll
    static void dropSchemas() throws Exception {
        if (SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url(), System.getenv("JIENENG_TEST_PG_USER"),
                System.getenv("JIENENG_TEST_PG_PASSWORD")); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }
}
