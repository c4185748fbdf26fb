package io.jieneng.store;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/** Arrival markers in an embedded QuestDB, read back over its PostgreSQL wire protocol. */
class QuestDbSinkMarkersIT extends SinkMarkersContract {

    static Path root;
    static ServerMain questdb;
    static String httpUrl;
    static String pgUrl;
    static String prefix;

    @BeforeAll
    static void start() throws Exception {
        root = Files.createTempDirectory("questdb-markers-it");
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
        httpUrl = "http://127.0.0.1:" + http;
        pgUrl = "jdbc:postgresql://127.0.0.1:" + pg + "/qdb";
        prefix = "mk_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    @AfterAll
    static void stop() throws IOException {
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
    StoreSettings settings() {
        return StoreSettings.questDb(httpUrl, prefix);
    }

    @Override
    List<StoredMarker> markers(String meter) throws Exception {
        String table = prefix + ReadingSchema.ARRIVALS;
        // The write returned once the WAL commit was durable; applying it to the table follows moments later.
        questdb.awaitTable(table);
        String sql = "SELECT cast(ts as long), fromTs, toTs FROM " + table + " WHERE meter = ? ORDER BY ts";
        List<StoredMarker> out = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(pgUrl, "admin", "quest");
             PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, meter);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredMarker(rs.getLong(1) / 1000, rs.getLong(2), rs.getLong(3)));
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
