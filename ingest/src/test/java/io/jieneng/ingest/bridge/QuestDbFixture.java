package io.jieneng.ingest.bridge;

import io.jieneng.devices.registry.Registry;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.ReadingSink;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import io.questdb.ServerMain;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * An embedded QuestDB in a temporary directory on free loopback ports, with a table prefix of its own, read back
 * over its PostgreSQL wire protocol.
 */
final class QuestDbFixture implements AutoCloseable {

    private final Path root;
    private final ServerMain server;
    private final String httpUrl;
    private final String pgUrl;
    private final String prefix;

    QuestDbFixture() throws IOException {
        root = Files.createTempDirectory("questdb-bridge");
        int http = freePort();
        int pg = freePort();
        server = ServerMain.create(root.toString(), Map.of(
                "QDB_HTTP_BIND_TO", "127.0.0.1:" + http,
                "QDB_PG_NET_BIND_TO", "127.0.0.1:" + pg,
                "QDB_HTTP_MIN_ENABLED", "false",
                "QDB_LINE_TCP_ENABLED", "false",
                "QDB_LINE_UDP_ENABLED", "false",
                "QDB_TELEMETRY_ENABLED", "false"));
        server.start();
        httpUrl = "http://127.0.0.1:" + http;
        pgUrl = "jdbc:postgresql://127.0.0.1:" + pg + "/qdb";
        prefix = "bridge_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    String httpUrl() {
        return httpUrl;
    }

    String tablePrefix() {
        return prefix;
    }

    /**
     * A new sink onto this fixture's table (each IngestCore closes its own). A writing-only QuestDB store holds no
     * pool, only its HTTP client: nothing to close but the sink.
     */
    ReadingSink sink() {
        return Stores.open(StoreSettings.questDb(httpUrl, prefix), Registry::empty).newSink();
    }

    /**
     * The energyKwh of each stored reading of {@code meter} with {@code fromMillis <= ts < toMillis}, by ts; empty
     * before the table exists.
     */
    Map<Long, Double> energyByTs(String meter, long fromMillis, long toMillis) throws SQLException {
        String table = prefix + ReadingSchema.TABLE;
        String sql = "SELECT " + ReadingSchema.TS + ", energyKwh FROM " + table + " WHERE " + ReadingSchema.METER
                + " = ? AND " + ReadingSchema.TS + " >= ? AND " + ReadingSchema.TS + " < ? ORDER BY "
                + ReadingSchema.TS;
        Map<Long, Double> out = new LinkedHashMap<>();
        try (Connection c = DriverManager.getConnection(pgUrl, "admin", "quest");
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, meter);
            q.setTimestamp(2, utc(fromMillis));
            q.setTimestamp(3, utc(toMillis));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long ts = rs.getObject(1, LocalDateTime.class).toInstant(ZoneOffset.UTC).toEpochMilli();
                    Double previous = out.put(ts, rs.getDouble(2));
                    if (previous != null) {
                        throw new AssertionError("two rows for " + meter + " at " + Instant.ofEpochMilli(ts));
                    }
                }
            }
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) {
                return out;
            }
            throw e;
        }
        return out;
    }

    /** QuestDB timestamps are UTC without a zone. */
    private static Timestamp utc(long millis) {
        return Timestamp.valueOf(LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
