package io.jieneng.ingest.it;

import io.jieneng.ingest.testing.TestRegistry;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.Store;
import io.jieneng.store.StoreSettings;
import io.jieneng.store.Stores;
import io.questdb.ServerMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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

/** The whole path into an embedded QuestDB, read back over its PostgreSQL wire protocol. */
class QuestDbIngestIT extends StoreIngestContract {

    static Path root;
    static ServerMain questdb;
    static Store store;
    static String table;
    static String pgUrl;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("questdb-it");
        int http = freePort();
        int pg = freePort();
        questdb = ServerMain.create(root.toString(), Map.of(
                "QDB_HTTP_BIND_TO", "127.0.0.1:" + http,
                "QDB_PG_NET_BIND_TO", "127.0.0.1:" + pg,
                "QDB_HTTP_MIN_ENABLED", "false",
                "QDB_LINE_TCP_ENABLED", "false",
                "QDB_LINE_UDP_ENABLED", "false",
                "QDB_TELEMETRY_ENABLED", "false"));
        questdb.start();
        pgUrl = "jdbc:postgresql://127.0.0.1:" + pg + "/qdb";
        String prefix = "it_" + UUID.randomUUID().toString().substring(0, 8) + "_";
        store = Stores.open(StoreSettings.questDb("http://127.0.0.1:" + http, prefix), TestRegistry::registry);
        table = prefix + ReadingSchema.TABLE;
        startIngest(store.newSink());
    }

    @AfterAll
    static void stop() throws IOException {
        stopIngest();
        if (store != null) {
            store.close();
        }
        if (questdb != null) {
            questdb.close();
        }
        if (root != null) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Override
    List<StoredReading> stored(String meterId) throws Exception {
        String sql = "SELECT " + ReadingSchema.TS + ", " + String.join(", ", ReadingSchema.FIELDS) + " FROM "
                + table + " WHERE " + ReadingSchema.METER + " = ? ORDER BY " + ReadingSchema.TS;
        List<StoredReading> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pgUrl, "admin", "quest");
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
                    // QuestDB timestamps are UTC without a zone.
                    long ts = rs.getObject(ReadingSchema.TS, LocalDateTime.class).toInstant(ZoneOffset.UTC)
                            .toEpochMilli();
                    out.add(new StoredReading(meterId, ts, values));
                }
            }
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
