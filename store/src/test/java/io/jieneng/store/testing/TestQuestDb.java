package io.jieneng.store.testing;

import io.questdb.ServerMain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A real QuestDB for integration tests, embedded in this JVM through {@link ServerMain} (which applies WAL tables),
 * in a temporary directory on free loopback ports, with only the HTTP (ILP and /exec) and PostgreSQL-wire listeners.
 * The store tests and ingest's tests share it (the store module's test jar), so there is one way to start it.
 * Tests keep apart by table prefix ({@link #newPrefix}); {@link #close} stops it and deletes its directory.
 */
public final class TestQuestDb implements AutoCloseable {

    private final Path root;
    private final ServerMain server;
    private final String httpUrl;
    private final String pgUrl;

    private TestQuestDb(Path root, ServerMain server, int http, int pg) {
        this.root = root;
        this.server = server;
        this.httpUrl = "http://127.0.0.1:" + http;
        this.pgUrl = "jdbc:postgresql://127.0.0.1:" + pg + "/qdb";
    }

    /** Starts one; {@code name} shows in the temporary directory's name. */
    public static TestQuestDb start(String name) throws IOException {
        return start(name, Map.of());
    }

    /** Starts one with more QuestDB settings, as environment names (e.g. {@code QDB_HTTP_USER}). */
    public static TestQuestDb start(String name, Map<String, String> settings) throws IOException {
        Path root = Files.createTempDirectory("questdb-" + name);
        int http = freePort();
        int pg = freePort();
        Map<String, String> env = new HashMap<>(settings);
        env.putAll(Map.of(
                "QDB_HTTP_BIND_TO", "127.0.0.1:" + http,
                "QDB_PG_NET_BIND_TO", "127.0.0.1:" + pg,
                "QDB_HTTP_MIN_ENABLED", "false",
                "QDB_LINE_TCP_ENABLED", "false",
                "QDB_LINE_UDP_ENABLED", "false",
                "QDB_TELEMETRY_ENABLED", "false"));
        ServerMain server = ServerMain.create(root.toString(), env);
        server.start();
        return new TestQuestDb(root, server, http, pg);
    }

    /** A table prefix no other test uses, e.g. {@code it_1a2b3c4d_}. */
    public static String newPrefix(String tag) {
        return tag + "_" + UUID.randomUUID().toString().substring(0, 8) + "_";
    }

    public String httpUrl() {
        return httpUrl;
    }

    public String pgUrl() {
        return pgUrl;
    }

    /** A connection over the PostgreSQL wire, with QuestDB's default credentials. */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(pgUrl, "admin", "quest");
    }

    /** Waits until every committed WAL transaction of {@code table} is applied and visible to queries. */
    public void awaitTable(String table) {
        server.awaitTable(table);
    }

    @Override
    public void close() {
        server.close();
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + root, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
