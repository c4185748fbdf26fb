package io.jieneng.ingest.it;

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
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * One embedded QuestDB for the protocol ITs of this JVM, started on first use and stopped at exit. Each test class
 * writes to its own table prefix ({@link #newTable()}), so the classes never see each other's rows.
 */
final class SharedQuestDb {

    /** A table of this QuestDB: the sink that writes it and the query that reads it back. */
    record Table(ReadingSink sink, String name) {

        /** The readings of {@code meterId}, ordered by time. */
        List<StoredReading> stored(String meterId) throws Exception {
            String sql = "SELECT " + ReadingSchema.TS + ", " + String.join(", ", ReadingSchema.FIELDS) + " FROM "
                    + name + " WHERE " + ReadingSchema.METER + " = ? ORDER BY " + ReadingSchema.TS;
            List<StoredReading> out = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(instance().pgUrl, "admin", "quest");
                 PreparedStatement q = c.prepareStatement(sql)) {
                q.setString(1, meterId);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        Map<String, Double> values = new LinkedHashMap<>();
                        for (String f : ReadingSchema.FIELDS) {
                            double v = rs.getDouble(f);
                            if (!rs.wasNull()) {
                                values.put(f, v);
                            }
                        }
                        long ts = rs.getObject(ReadingSchema.TS, LocalDateTime.class).toInstant(ZoneOffset.UTC)
                                .toEpochMilli();
                        out.add(new StoredReading(meterId, ts, values));
                    }
                }
            } catch (java.sql.SQLException e) {
                if (String.valueOf(e.getMessage()).contains("does not exist")) {
                    return out;
                }
                throw e;
            }
            return out;
        }
    }

    private static SharedQuestDb instance;

    private final Path root;
    private final ServerMain server;
    private final String httpUrl;
    private final String pgUrl;

    private SharedQuestDb() throws IOException {
        root = Files.createTempDirectory("questdb-protocol-it");
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
        Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "questdb-it-stop"));
    }

    static synchronized SharedQuestDb instance() throws IOException {
        if (instance == null) {
            instance = new SharedQuestDb();
        }
        return instance;
    }

    /** A new table (prefix) of the shared QuestDB. */
    static Table newTable() throws IOException {
        SharedQuestDb db = instance();
        String prefix = "it_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        // A writing-only QuestDB store holds no pool, only its HTTP client: nothing to close but the sink.
        return new Table(Stores.open(StoreSettings.questDb(db.httpUrl, prefix), Registry::empty).newSink(),
                prefix + ReadingSchema.TABLE);
    }

    private void stop() {
        server.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory; nothing depends on its removal.
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
