package io.jieneng.ingest.quarantine;

import org.junit.jupiter.api.AfterAll;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The quarantine on a real PostgreSQL at {@code JIENENG_TEST_PG_URL} (a JDBC URL; user and password from
 * {@code JIENENG_TEST_PG_USER} and {@code JIENENG_TEST_PG_PASSWORD}, as for the registry's PostgreSQL ITs). Every
 * test gets a schema of its own, dropped at the end.
 */
class QuarantineStorePostgresIT extends QuarantineStoreContract {

    private static final List<String> SCHEMAS = new ArrayList<>();

    @AfterAll
    static void dropSchemas() throws Exception {
        String url = System.getenv("JIENENG_TEST_PG_URL");
        if (url == null || SCHEMAS.isEmpty()) {
            return;
        }
        try (Connection c = dataSource(url, null).getConnection(); Statement s = c.createStatement()) {
            for (String schema : SCHEMAS) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Override
    DataSource freshDatabase() throws Exception {
        String url = System.getenv("JIENENG_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            fail("JIENENG_TEST_PG_URL is not set: run the integration tests with ./jieneng test, which starts "
                    + "PostgreSQL and sets it (e.g. jdbc:postgresql://127.0.0.1:5432/postgres)");
        }
        String schema = "quarantine_it_" + UUID.randomUUID().toString().replace("-", "");
        PGSimpleDataSource admin = dataSource(url, null);
        try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        SCHEMAS.add(schema);
        return dataSource(url, schema);
    }

    private static PGSimpleDataSource dataSource(String url, String schema) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setURL(url);
        String user = System.getenv("JIENENG_TEST_PG_USER");
        if (user != null) {
            ds.setUser(user);
        }
        String password = System.getenv("JIENENG_TEST_PG_PASSWORD");
        if (password != null) {
            ds.setPassword(password);
        }
        if (schema != null) {
            ds.setCurrentSchema(schema);
        }
        return ds;
    }
}
