package io.jieneng.devices.loadgen;

import org.HdrHistogram.Recorder;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * InfluxDB's own batched write rate, the ceiling of the ingest → InfluxDB path: {@code threads} HTTP clients each
 * POST {@code batch}-point line-protocol bodies to {@code /write?precision=ms} back to back, and the points
 * acknowledged (204) during the measured window are counted. The points look like the ones ingest writes
 * ({@link LineProtocolBatch}).
 */
public final class InfluxRawWrite {

    private static final Logger LOG = Logger.getLogger(InfluxRawWrite.class);

    /**
     * @param meters bench meters (from 1) the points are spread over; match the ingest run's connections
     * @param targetPid the InfluxDB process, sampled for CPU and RSS, or 0
     */
    public record Options(URI url, String database, int threads, int batch, int meters, double durationSeconds,
                          double warmupSeconds, long targetPid) {

        public Options {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("--threads must be in [1, 256]");
            }
            if (batch < 1 || batch > 1_000_000) {
                throw new IllegalArgumentException("--batch must be in [1, 1000000]");
            }
            if (meters < threads) {
                throw new IllegalArgumentException("--meters must be at least --threads");
            }
            if (!(Double.isFinite(durationSeconds) && durationSeconds > 0)
                    || !(Double.isFinite(warmupSeconds) && warmupSeconds >= 0)) {
                throw new IllegalArgumentException("--duration must be positive and --warmup not negative");
            }
            if (!database.matches("[A-Za-z0-9_]{1,64}")) {
                throw new IllegalArgumentException("--db must be 1 to 64 letters, digits or _");
            }
        }
    }

    /** What the run measured; {@code batchLatencyMs} is the time of one {@code /write} request. */
    public record Report(String tool, String startedAt, String url, Options options, Machine machine,
                         double measuredSeconds, long points, double pointsPerSecond, long batches,
                         Percentiles batchLatencyMs, long failedRequests, String firstFailure,
                         double clientCpuPercent, LoadReport.Target target) {
    }

    private final Options options;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final LongAdder points = new LongAdder();
    private final LongAdder batches = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final Recorder latency = new Recorder(3);
    private volatile String firstFailure;
    private volatile boolean stop;

    public InfluxRawWrite(Options options) {
        this.options = options;
    }

    public Report run() throws InterruptedException, IOException {
        createDatabase();
        URI write = options.url().resolve("/write?db=" + options.database() + "&precision=ms");
        long start = System.currentTimeMillis() - 3_600_000L;
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < options.threads(); t++) {
            int thread = t;
            int[] mine = IntStream.rangeClosed(1, options.meters()).filter(m -> m % options.threads() == thread)
                    .toArray();
            LineProtocolBatch source = new LineProtocolBatch(mine, start);
            Thread w = new Thread(() -> writeLoop(write, source), "influx-raw-" + t);
            w.setDaemon(true);
            writers.add(w);
        }
        String startedAt = Instant.now().toString();
        try (ResourceSampler sampler = new ResourceSampler(options.targetPid())) {
            writers.forEach(Thread::start);
            Thread.sleep((long) (options.warmupSeconds() * 1000));
            latency.getIntervalHistogram();
            long p0 = points.sum();
            long b0 = batches.sum();
            ResourceSampler.Mark from = sampler.mark();
            Thread.sleep((long) (options.durationSeconds() * 1000));
            ResourceSampler.Mark to = sampler.mark();
            long p = points.sum() - p0;
            long b = batches.sum() - b0;
            Percentiles lat = Percentiles.of(latency.getIntervalHistogram());
            stop = true;
            for (Thread w : writers) {
                w.join(30_000);
            }
            double seconds = (to.wallNanos() - from.wallNanos()) / 1e9;
            LoadReport.Target target = options.targetPid() > 0 ? new LoadReport.Target(options.targetPid(),
                    ResourceSampler.targetCpuPercent(from, to), sampler.maxRssKib() / 1024.0,
                    sampler.peakRssKib() / 1024.0) : null;
            return new Report("jieneng-influx-raw-write", startedAt, options.url().toString(), options,
                    Machine.current(), Math.round(seconds * 1000) / 1000.0, p, Math.round(p / seconds * 10) / 10.0,
                    b, lat, failures.sum(), firstFailure, ResourceSampler.ownCpuPercent(from, to), target);
        }
    }

    private void writeLoop(URI write, LineProtocolBatch source) {
        while (!stop) {
            byte[] body = source.next(options.batch(), System.currentTimeMillis());
            HttpRequest request = HttpRequest.newBuilder(write).timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
            long t0 = System.nanoTime();
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 204) {
                    latency.recordValue((System.nanoTime() - t0) / 1000);
                    points.add(options.batch());
                    batches.increment();
                } else {
                    fail("HTTP " + response.statusCode() + ": " + response.body());
                }
            } catch (IOException e) {
                fail(e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void fail(String what) {
        failures.increment();
        if (firstFailure == null) {
            firstFailure = what;
            LOG.warnf("InfluxDB write failed: %s", what);
        }
    }

    private void createDatabase() throws IOException, InterruptedException {
        String q = URLEncoder.encode("CREATE DATABASE " + options.database(), StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(options.url().resolve("/query"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("q=" + q)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200 || r.body().contains("\"error\"")) {
            throw new IOException("InfluxDB refused CREATE DATABASE: HTTP " + r.statusCode() + " " + r.body());
        }
    }
}
