package io.jieneng.ingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * An InfluxDB server of the test's own (Debian's influxd, as {@code ./jieneng test} installs it), so the test can
 * stop it and start it again on the same port and data directory: a store outage.
 */
public final class InfluxProcess implements AutoCloseable {

    private final Path dir;
    private final int httpPort;
    private final Path config;
    private Process process;

    public InfluxProcess(Path dir) {
        this.dir = dir;
        this.httpPort = ChildProcesses.freePort();
        int rpcPort = ChildProcesses.freePort();
        this.config = dir.resolve("influxdb.conf");
        try {
            Files.writeString(config, String.join("\n",
                    "reporting-disabled = true",
                    "bind-address = \"127.0.0.1:" + rpcPort + "\"",
                    "[meta]", "  dir = \"" + dir.resolve("meta") + "\"",
                    "[data]", "  dir = \"" + dir.resolve("data") + "\"", "  wal-dir = \"" + dir.resolve("wal") + "\"",
                    "  query-log-enabled = false",
                    "[http]", "  bind-address = \"127.0.0.1:" + httpPort + "\"", "  log-enabled = false",
                    "[monitor]", "  store-enabled = false", ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    public InfluxProcess start() {
        process = ChildProcesses.start(List.of("influxd", "-config", config.toString()), Map.of(),
                dir.resolve("influxd.log"));
        ChildProcesses.awaitListening(httpPort, Duration.ofSeconds(60), process);
        return this;
    }

    /** Stops the server (SIGTERM) and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
