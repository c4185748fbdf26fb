package io.jieneng.ingest.bridge;

import io.jieneng.devices.registry.RegistryDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The authentication query of docker/emqx/emqx.conf on a real PostgreSQL holding the registry schema (Flyway's
 * registry migrations), run as EMQX runs it: each {@code ${placeholder}} a statement parameter of unspecified type.
 * It finds a device's credential only under a client id equal to its user name, and the bridge's only under a
 * {@code jieneng-bridge-} client id, so no device can log in with the bridge's client id and take over its session.
 */
class EmqxAuthenticationQueryIT {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private static String schema;
    private static PGSimpleDataSource db;

    @BeforeAll
    static void registrySchema() throws Exception {
        String url = System.getenv("JIENENG_TEST_PG_URL");
        if (url == null || url.isBlank()) {
            fail("JIENENG_TEST_PG_URL is not set: run the integration tests with ./jieneng test");
        }
        schema = "emqx_it_" + UUID.randomUUID().toString().replace("-", "");
        db = new PGSimpleDataSource();
        db.setURL(url);
        db.setUser(System.getenv("JIENENG_TEST_PG_USER"));
        db.setPassword(System.getenv("JIENENG_TEST_PG_PASSWORD"));
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        db.setCurrentSchema(schema);
        Flyway.configure().dataSource(db).locations(RegistryDatabase.MIGRATIONS).load().migrate();
        try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
            for (String device : List.of("acl-meter-a", "acl-meter-b", "jieneng-bridge")) {
                s.execute("INSERT INTO device_credentials (device_id, secret_hash, updated_at) VALUES ('" + device
                        + "', '" + hashOf(device) + "', now())");
            }
        }
    }

    @AfterAll
    static void dropSchema() throws Exception {
        if (schema != null) {
            db.setCurrentSchema(null);
            try (Connection c = db.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void aCredentialIsFoundOnlyUnderTheClientIdTiedToItsUser() throws Exception {
        // Each device and the bridge under their own client ids.
        assertThat(hashFor("acl-meter-a", "acl-meter-a")).containsExactly(hashOf("acl-meter-a"));
        assertThat(hashFor("jieneng-bridge", "jieneng-bridge-ingest-1")).containsExactly(hashOf("jieneng-bridge"));
        assertThat(hashFor("jieneng-bridge", "jieneng-bridge-3f2a9c")).containsExactly(hashOf("jieneng-bridge"));
        // The takeover: a device (with its own valid secret) under a replica's client id, or another device's.
        assertThat(hashFor("acl-meter-a", "jieneng-bridge-ingest-1")).isEmpty();
        assertThat(hashFor("acl-meter-a", "acl-meter-b")).isEmpty();
        assertThat(hashFor("acl-meter-a", "")).isEmpty();
        // The bridge user under a device's client id, and an unknown user.
        assertThat(hashFor("jieneng-bridge", "acl-meter-a")).isEmpty();
        assertThat(hashFor("nobody", "nobody")).isEmpty();
    }

    /** A stand-in for the device's stored hash: EMQX compares the secret with it, the query only finds it. */
    private static String hashOf(String device) {
        return "$2a$04$stand-in-for-" + device;
    }

    /** The hashes the query returns for a CONNECT with {@code username} and {@code clientid}. */
    private static List<String> hashFor(String username, String clientid) throws Exception {
        String conf = Files.readString(Path.of("..", "docker", "emqx", "emqx.conf"));
        String authn = conf.substring(conf.indexOf("authentication = ["), conf.indexOf("authorization {"));
        Matcher q = Pattern.compile("query = \"(.*)\"").matcher(authn);
        assertThat(q.find()).as("the authentication query of emqx.conf").isTrue();
        Map<String, String> values = Map.of("username", username, "clientid", clientid);
        List<String> params = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(q.group(1));
        StringBuilder sql = new StringBuilder();
        while (m.find()) {
            assertThat(values).as("placeholder ${%s}", m.group(1)).containsKey(m.group(1));
            params.add(values.get(m.group(1)));
            m.appendReplacement(sql, "?");
        }
        m.appendTail(sql);
        List<String> out = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < params.size(); i++) {
                // Untyped, as EMQX's driver binds them: PostgreSQL must infer each type from the query.
                ps.setObject(i + 1, params.get(i), Types.OTHER);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString("password_hash"));
                }
            }
        }
        return out;
    }
}
