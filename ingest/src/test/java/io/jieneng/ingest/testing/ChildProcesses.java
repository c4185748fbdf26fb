package io.jieneng.ingest.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** Real server processes that a test starts, kills and restarts itself. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts {@code command} with {@code env} added, output appended to {@code log}. */
    public static Process start(List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** The standalone ingest ({@code IngestMain}) in a JVM of its own, on this test's class path. */
    public static Process startIngest(Map<String, String> env, Path log) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return start(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                "io.jieneng.ingest.IngestMain"), env, log);
    }

    /** Waits until something accepts TCP connections on the loopback {@code port}. */
    public static void awaitListening(int port, Duration atMost, Process process) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("the process exited with " + process.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
