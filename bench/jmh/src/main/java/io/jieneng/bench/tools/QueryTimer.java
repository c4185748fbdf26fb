package io.jieneng.bench.tools;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jieneng.devices.cli.CommandLines;
import org.jboss.logging.Logger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * Times one GET, repeated: {@code --warmup} requests first (not counted; they also let the platform remember the
 * Basic credentials, whose bcrypt check would otherwise be timed), then {@code --requests} requests one after the
 * other on one kept-alive connection, each timed from sending the request to having read the whole body. Any
 * status but 200 fails the run. Writes the latencies, their percentiles and the last body.
 *
 * <pre>
 * QueryTimer --url URL --user U --password P [--requests 40] [--warmup 5] [--timeout-seconds 120]
 *            --out FILE.json [--body FILE]
 * </pre>
 */
@Command(name = "QueryTimer", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Times one GET repeated on one kept-alive connection; writes latencies and percentiles.")
public final class QueryTimer implements Callable<Integer> {

    private static final Logger LOG = Logger.getLogger(QueryTimer.class);

    @Option(names = "--url", paramLabel = "URL", required = true, description = "what to GET")
    URI url;

    @Option(names = "--user", paramLabel = "U", required = true, description = "Basic user")
    String user;

    @Option(names = "--password", paramLabel = "P", required = true, description = "Basic password")
    String password;

    @Option(names = "--requests", paramLabel = "N", description = "timed requests (default ${DEFAULT-VALUE})")
    int requests = 40;

    @Option(names = "--warmup", paramLabel = "N", description = "requests before, not timed (default ${DEFAULT-VALUE})")
    int warmup = 5;

    @Option(names = "--timeout-seconds", paramLabel = "S", description = "per request (default ${DEFAULT-VALUE})")
    int timeoutSeconds = 120;

    @Option(names = "--out", paramLabel = "FILE.json", required = true, description = "the report")
    Path out;

    @Option(names = "--body", paramLabel = "FILE", description = "where the last response body goes")
    Path bodyFile;

    public static void main(String[] args) {
        System.exit(CommandLines.execute(new QueryTimer(), args));
    }

    @Override
    public Integer call() throws Exception {
        String auth = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        Duration timeout = Duration.ofSeconds(timeoutSeconds);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(url).header("Authorization", auth).timeout(timeout).GET()
                .build();

        String body = null;
        for (int i = 0; i < warmup; i++) {
            body = fetch(http, request);
        }
        double[] ms = new double[requests];
        OffsetDateTime windowStart = OffsetDateTime.now();
        for (int i = 0; i < requests; i++) {
            long t0 = System.nanoTime();
            body = fetch(http, request);
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        OffsetDateTime windowEnd = OffsetDateTime.now();
        LatencySummary s = LatencySummary.of(ms);
        LOG.infof("%s: %d requests, p50 %.1f ms, p95 %.1f ms, max %.1f ms", url.getPath(), s.count(), s.p50Ms(),
                s.p95Ms(), s.maxMs());

        ObjectMapper json = new ObjectMapper();
        ObjectNode report = json.createObjectNode();
        report.put("url", url.toString());
        report.put("warmup", warmup);
        // The measured window, in the form bench/lib.sh's bench_jfr_top reads from load-generator reports.
        report.put("windowStart", windowStart.toString());
        report.put("windowEnd", windowEnd.toString());
        report.set("latency", json.valueToTree(s));
        ArrayNode samples = report.putArray("samplesMs");
        for (double v : ms) {
            samples.add(Math.round(v * 1000) / 1000.0);
        }
        Files.writeString(out, json.writerWithDefaultPrettyPrinter().writeValueAsString(report));
        if (bodyFile != null && body != null) {
            Files.writeString(bodyFile, body);
        }
        return 0;
    }

    private static String fetch(HttpClient http, HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + request.uri() + " answered " + response.statusCode() + ": "
                    + response.body());
        }
        return response.body();
    }
}
