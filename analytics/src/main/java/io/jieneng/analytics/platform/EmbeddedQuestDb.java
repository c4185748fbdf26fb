package io.jieneng.analytics.platform;

import io.questdb.ServerMain;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * QuestDB running inside this JVM, for the single-node platform. It is started through {@link ServerMain},
 * which runs the jobs that apply WAL tables (a bare CairoEngine would leave WAL writes unapplied), and listens on
 * loopback only: HTTP for line-protocol writes and the web console, PostgreSQL wire for queries.
 */
public final class EmbeddedQuestDb implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedQuestDb.class);

    private final ServerMain server;
    private final int httpPort;
    private final int pgPort;
    private final Path logDir;

    private EmbeddedQuestDb(ServerMain server, int httpPort, int pgPort, Path logDir) {
        this.server = server;
        this.httpPort = httpPort;
        this.pgPort = pgPort;
        this.logDir = logDir;
    }

    /** Starts QuestDB with its data under {@code root}; a port of 0 picks a free one. */
    public static EmbeddedQuestDb start(Path root, int httpPort, int pgPort) {
        int http = httpPort == 0 ? freePort() : httpPort;
        int pg = pgPort == 0 ? freePort() : pgPort;
        try {
            Files.createDirectories(root.resolve("conf"));
            Files.createDirectories(root.resolve("log"));
            Path logConf = writeLogConfig(root);
            // QuestDB's logging is configured once per JVM, from the file named by the system property "out"
            // (LogFactory.CONFIG_SYSTEM_PROPERTY); without it QuestDB logs everything to the console.
            if (System.getProperty(io.questdb.log.LogFactory.CONFIG_SYSTEM_PROPERTY) == null) {
                System.setProperty(io.questdb.log.LogFactory.CONFIG_SYSTEM_PROPERTY, logConf.toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the QuestDB directory " + root, e);
        }
        Map<String, String> env = new HashMap<>();
        // QuestDB's own settings (QDB_SHARED_NETWORK_WORKER_COUNT, ...) pass through from the environment, for
        // tuning without a rebuild (docs/STORES.md); the addresses and the durability set below stay ours.
        System.getenv().forEach((key, value) -> {
            if (key.startsWith("QDB_")) {
                env.put(key, value);
            }
        });
        defaultWorkers(env, Runtime.getRuntime().availableProcessors());
        env.put("QDB_HTTP_BIND_TO", "127.0.0.1:" + http);
        env.put("QDB_PG_NET_BIND_TO", "127.0.0.1:" + pg);
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_LINE_TCP_ENABLED", "false");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        // Ingest acknowledges a reading only once the store has it durably: commits must reach the disk.
        if (env.containsKey("QDB_CAIRO_COMMIT_MODE") && !"sync".equals(env.get("QDB_CAIRO_COMMIT_MODE"))) {
            LOG.warnf("QDB_CAIRO_COMMIT_MODE=%s ignored: acknowledged readings must be on disk (sync)",
                    env.get("QDB_CAIRO_COMMIT_MODE"));
        }
        env.put("QDB_CAIRO_COMMIT_MODE", "sync");
        ServerMain server = ServerMain.create(root.toAbsolutePath().toString(), env);
        server.start();
        LOG.infof("embedded QuestDB started in %s (http %d, pg %d)", root, http, pg);
        return new EmbeddedQuestDb(server, http, pg, root.toAbsolutePath().resolve("log"));
    }

    /**
     * QuestDB sizes each of its three worker pools (network, query, write) to the machine's cores and lets idle
     * workers spin and yield for thousands of rounds before they sleep. Embedded, it shares those cores with ingest
     * and analytics: on 2 cores its six spinning workers took 45 % of the platform's CPU samples at ingest
     * saturation and halved the throughput (docs/PERFORMANCE.md). So each pool gets half the cores (at least 1),
     * and idle workers nap after 100 rounds and sleep (1 ms) after 1,000; QDB_* settings of the operator win.
     */
    static void defaultWorkers(Map<String, String> env, int cores) {
        boolean sized = env.keySet().stream()
                .anyMatch(k -> k.startsWith("QDB_SHARED_") && k.endsWith("WORKER_COUNT"));
        if (!sized) {
            String perPool = Integer.toString(Math.max(1, cores / 2));
            env.put("QDB_SHARED_NETWORK_WORKER_COUNT", perPool);
            env.put("QDB_SHARED_QUERY_WORKER_COUNT", perPool);
            env.put("QDB_SHARED_WRITE_WORKER_COUNT", perPool);
        }
        env.putIfAbsent("QDB_SHARED_WORKER_NAP_THRESHOLD", "100");
        env.putIfAbsent("QDB_SHARED_WORKER_SLEEP_THRESHOLD", "1000");
        env.putIfAbsent("QDB_SHARED_WORKER_SLEEP_TIMEOUT", "1");
    }

    public int httpPort() {
        return httpPort;
    }

    public int pgPort() {
        return pgPort;
    }

    /** Where QuestDB's own log files are written. */
    public Path logDir() {
        return logDir;
    }

    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public String pgJdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
    }

    /** Waits until every committed WAL transaction of {@code table} is applied and visible to queries. */
    public void awaitTable(String table) {
        server.awaitTable(table);
    }

    @Override
    public void close() {
        server.close();
        LOG.info("embedded QuestDB stopped");
    }

    /**
     * QuestDB's own log, start-up chatter and internal retries included (it logs a table lock it will retry as an
     * error), goes only to a rolling file under the data directory, so the console keeps Jieneng's lines. A console
     * writer cannot be kept for critical lines alone: QuestDB 9.2 prints its advisory start-up lines to every
     * console writer whatever its level. A failing store still reaches the console through Jieneng's own errors
     * and health checks, and the banner names this file. The file is rewritten at every start, so an upgrade's
     * setting wins over an old data directory's; an operator who wants another logging setup names their own
     * file with {@code -Dout=FILE}, which is then left alone.
     */
    static Path writeLogConfig(Path root) throws IOException {
        Path logConf = root.toAbsolutePath().resolve("conf").resolve("log.conf");
        String logDir = root.toAbsolutePath().resolve("log").toString();
        Files.writeString(logConf, String.join("\n",
                "writers=file",
                "w.file.class=io.questdb.log.LogRollingFileWriter",
                "w.file.location=" + logDir + "/questdb.log.${date:yyyyMMdd}",
                "w.file.level=INFO,ERROR,CRITICAL,ADVISORY",
                "w.file.rollEvery=day",
                "w.file.rollSize=128m",
                "w.file.sizeLimit=1g",
                ""));
        return logConf;
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port for QuestDB", e);
        }
    }
}
