package io.jieneng.analytics.alert;

import io.jieneng.analytics.registry.AnalyticsSchema;
import io.jieneng.devices.registry.RegistryDatabase;
import org.junit.jupiter.api.AfterAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The alert tables on a real PostgreSQL ({@code JIENENG_TEST_PG_URL}, {@code _USER}, {@code _PASSWORD}); every
 * test migrates a schema of its own, dropped at the end.
 */
class AlertStorePostgresIT extends AlertStoreContract {

    private static final String PREFIX = "alerts_it_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    private static final List<String> SCHEMAS = new ArrayList<>();

    private String schemaUrl;

    @Override
    RegistryDatabase freshDatabase() throws Exception {
        String url = System.getenv("JIENENG_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            fail("JIENENG_TEST_PG_URL is not set: run the integration tests with ./jieneng test, which starts "
                    + "PostgreSQL and sets JIENENG_TEST_PG_URL, JIENENG_TEST_PG_USER and JIENENG_TEST_PG_PASSWORD");
        }
        Class.forName("org.postgresql.Driver", true, AlertStorePostgresIT.class.getClassLoader());
        String schema = PREFIX + SCHEMAS.size();
        try (Connection c = DriverManager.getConnection(url, user(), password()); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        return reopen();
    }

    @Override
    RegistryDatabase reopen() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(AlertStorePostgresIT.class.getClassLoader());
        try {
            return RegistryDatabase.open(schemaUrl, user(), password(), AnalyticsSchema.LOCATIONS);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @AfterAll
    static void dropSchemas() throws Exception {
        String url = System.getenv("JIENENG_TEST_PG_URL");
        if (url == null || SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = DriverManager.getConnection(url, user(), password()); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    private static String user() {
        return System.getenv("JIENENG_TEST_PG_USER");
    }

    private static String password() {
        return System.getenv("JIENENG_TEST_PG_PASSWORD");
    }
}
