package io.jieneng.ingest.bridge;

import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.security.DeviceSecrets;
import io.jieneng.devices.security.SecretHasher;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
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
 * And what each authenticator returns verifies the device's secret the way EMQX checks it: the first (pbkdf2) the
 * hex of PBKDF2-HMAC-SHA256 over the returned salt bytes with the configured iterations and length, the second a
 * legacy bcrypt hash as it is.
 */
class EmqxAuthenticationQueryIT {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(\\w+)}");
    private static final String SECRET_A = "3b9e41c07d2f8a56e1c4b7d09a2f3e58";
    private static final String SECRET_B = "c81f02d7e9a4b6350f7e2d19c4a8b03e";
    private static final String SECRET_BRIDGE = "f4a7c2e09b3d1856a2e7c40b9d1f5e63";
    private static final Map<String, String> HASHES = new LinkedHashMap<>();
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
            // Meter b still has a legacy bcrypt hash, as a registry imported before PBKDF2 device hashes has.
            HASHES.put("acl-meter-a", new DeviceSecrets().hash(SECRET_A));
            HASHES.put("acl-meter-b", new SecretHasher(4).hash(SECRET_B));
            HASHES.put("jieneng-bridge", new DeviceSecrets().hash(SECRET_BRIDGE));
            HASHES.put("acl-meter-off", new DeviceSecrets().hash(SECRET_A));
            HASHES.put("acl-gateway-off", new SecretHasher(4).hash(SECRET_B));
            s.execute("INSERT INTO regions (code, name, level) VALUES ('329900', 'ACL', 'province')");
            s.execute("INSERT INTO institutions (id, name, region_code) VALUES ('acl-inst', 'ACL', '329900')");
            s.execute("INSERT INTO meters (id, institution_id, type, interval_seconds) VALUES "
                    + "('acl-meter-a', 'acl-inst', 'water', 900), ('acl-meter-off', 'acl-inst', 'water', 900)");
            s.execute("UPDATE meters SET disabled = TRUE WHERE id = 'acl-meter-off'");
            s.execute("INSERT INTO gateways (id, disabled) VALUES ('acl-gateway-off', TRUE)");
            s.execute("INSERT INTO gateways (id) VALUES ('acl-gateway')");
            s.execute("INSERT INTO gateway_meters (gateway_id, meter_id, list_index) VALUES "
                    + "('acl-gateway', 'acl-meter-a', 0), ('acl-gateway', 'acl-meter-off', 1)");
            for (Map.Entry<String, String> e : HASHES.entrySet()) {
                s.execute("INSERT INTO device_credentials (device_id, secret_hash, updated_at) VALUES ('" + e.getKey()
                        + "', '" + e.getValue() + "', now())");
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
        assertThat(found("acl-meter-a", "acl-meter-a")).hasSize(1);
        assertThat(found("acl-meter-b", "acl-meter-b")).hasSize(1);
        assertThat(found("jieneng-bridge", "jieneng-bridge-ingest-1")).hasSize(1);
        assertThat(found("jieneng-bridge", "jieneng-bridge-3f2a9c")).hasSize(1);
        // The takeover: a device (with its own valid secret) under a replica's client id, or another device's.
        assertThat(found("acl-meter-a", "jieneng-bridge-ingest-1")).isEmpty();
        assertThat(found("acl-meter-b", "jieneng-bridge-ingest-1")).isEmpty();
        assertThat(found("acl-meter-a", "acl-meter-b")).isEmpty();
        assertThat(found("acl-meter-a", "")).isEmpty();
        // The bridge user under a device's client id, and an unknown user.
        assertThat(found("jieneng-bridge", "acl-meter-a")).isEmpty();
        assertThat(found("nobody", "nobody")).isEmpty();
    }

    @Test
    void aDisabledMeterOrGatewayIsFoundByNeitherAuthenticator() throws Exception {
        assertThat(found("acl-meter-off", "acl-meter-off")).isEmpty();
        assertThat(found("acl-gateway-off", "acl-gateway-off")).isEmpty();
        // The same kinds of hash, enabled, are found: it is the flag that refuses them.
        assertThat(found("acl-meter-a", "acl-meter-a")).hasSize(1);
        assertThat(found("acl-meter-b", "acl-meter-b")).hasSize(1);
    }

    @Test
    void whatEachAuthenticatorReturnsVerifiesTheSecretAsEmqxChecksIt() throws Exception {
        Authenticator pbkdf2 = authenticators().get(0);
        Authenticator bcrypt = authenticators().get(1);
        assertThat(pbkdf2.algorithm()).contains("name = pbkdf2").contains("mac_fun = sha256");
        assertThat(bcrypt.algorithm()).contains("name = bcrypt");
        int iterations = Integer.parseInt(setting(pbkdf2.algorithm(), "iterations"));
        int length = Integer.parseInt(setting(pbkdf2.algorithm(), "dk_length"));
        assertThat(iterations).as("the hashes DeviceSecrets makes by default").isEqualTo(DeviceSecrets.DEFAULT_ITERATIONS);

        Row a = pbkdf2.rows("acl-meter-a", "acl-meter-a").get(0);
        assertThat(emqxPbkdf2(SECRET_A, a.salt(), iterations, length)).isEqualTo(a.passwordHash());
        assertThat(emqxPbkdf2(SECRET_B, a.salt(), iterations, length)).isNotEqualTo(a.passwordHash());
        Row bridge = pbkdf2.rows("jieneng-bridge", "jieneng-bridge-1").get(0);
        assertThat(emqxPbkdf2(SECRET_BRIDGE, bridge.salt(), iterations, length)).isEqualTo(bridge.passwordHash());
        // Each authenticator finds only the hashes of its own algorithm; EMQX asks the second when the first has none.
        assertThat(pbkdf2.rows("acl-meter-b", "acl-meter-b")).isEmpty();
        assertThat(bcrypt.rows("acl-meter-a", "acl-meter-a")).isEmpty();
        Row b = bcrypt.rows("acl-meter-b", "acl-meter-b").get(0);
        assertThat(new SecretHasher(4).verify(SECRET_B, b.passwordHash())).isTrue();
        assertThat(new SecretHasher(4).verify(SECRET_A, b.passwordHash())).isFalse();
    }

    @Test
    void aGatewayMayPublishForItsEnabledMetersOnly() throws Exception {
        String conf = Files.readString(Path.of("..", "docker", "emqx", "emqx.conf"));
        String authz = conf.substring(conf.indexOf("authorization {"));
        Matcher q = Pattern.compile("type = postgresql[^}]*query = \"(.*)\"").matcher(authz);
        assertThat(q.find()).as("the PostgreSQL authorisation query of emqx.conf").isTrue();
        List<String> topics = new ArrayList<>();
        for (Row r : new Authenticator(q.group(1), "", "topic").rows("acl-gateway", "acl-gateway")) {
            topics.add(r.passwordHash());
        }
        assertThat(topics).containsExactly("meters/acl-meter-a/readings");
    }

    /** EMQX's pbkdf2 check: the derived key of the secret over the salt's bytes, in lower-case hex. */
    private static String emqxPbkdf2(String secret, byte[] salt, int iterations, int length) throws Exception {
        PBEKeySpec spec = new PBEKeySpec(secret.toCharArray(), salt, iterations, length * 8);
        return HexFormat.of().formatHex(SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec)
                .getEncoded());
    }

    private static String setting(String block, String name) {
        Matcher m = Pattern.compile(name + "\\s*=\\s*(\\w+)").matcher(block);
        assertThat(m.find()).as("%s in %s", name, block).isTrue();
        return m.group(1);
    }

    private record Row(String passwordHash, byte[] salt) {
    }

    /**
     * One password-based authenticator of emqx.conf: its query and its password_hash_algorithm block; or, with
     * {@code column} "topic", the authorisation query, whose rows are then the topics it allows.
     */
    private record Authenticator(String query, String algorithm, String column) {

        Authenticator(String query, String algorithm) {
            this(query, algorithm, "password_hash");
        }

        /** The rows the query returns for a CONNECT with {@code username} and {@code clientid}. */
        List<Row> rows(String username, String clientid) throws Exception {
            Map<String, String> values = Map.of("username", username, "clientid", clientid);
            List<String> params = new ArrayList<>();
            Matcher m = PLACEHOLDER.matcher(query);
            StringBuilder sql = new StringBuilder();
            while (m.find()) {
                assertThat(values).as("placeholder ${%s}", m.group(1)).containsKey(m.group(1));
                params.add(values.get(m.group(1)));
                m.appendReplacement(sql, "?");
            }
            m.appendTail(sql);
            List<Row> out = new ArrayList<>();
            try (Connection c = db.getConnection(); PreparedStatement ps = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < params.size(); i++) {
                    // Untyped, as EMQX's driver binds them: PostgreSQL must infer each type from the query.
                    ps.setObject(i + 1, params.get(i), Types.OTHER);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    boolean salted = column.equals("password_hash") && rs.getMetaData().getColumnCount() > 1;
                    while (rs.next()) {
                        out.add(new Row(rs.getString(column), salted ? rs.getBytes("salt") : null));
                    }
                }
            }
            return out;
        }
    }

    /** The authenticators of docker/emqx/emqx.conf, in the order EMQX asks them. */
    private static List<Authenticator> authenticators() throws Exception {
        String conf = Files.readString(Path.of("..", "docker", "emqx", "emqx.conf"));
        String authn = conf.substring(conf.indexOf("authentication = ["), conf.indexOf("authorization {"));
        Matcher q = Pattern.compile("query = \"(.*)\"\\s*\n\\s*password_hash_algorithm (\\{[^}]*})").matcher(authn);
        List<Authenticator> out = new ArrayList<>();
        while (q.find()) {
            out.add(new Authenticator(q.group(1), q.group(2)));
        }
        assertThat(out).as("the authenticators of emqx.conf").hasSize(2);
        return out;
    }

    /** The rows every authenticator of emqx.conf returns for a CONNECT with {@code username} and {@code clientid}. */
    private static List<Row> found(String username, String clientid) throws Exception {
        List<Row> out = new ArrayList<>();
        for (Authenticator a : authenticators()) {
            out.addAll(a.rows(username, clientid));
        }
        return out;
    }
}
