package io.jieneng.ingest.ops;

import io.jieneng.ingest.IngestConfig;
import io.jieneng.ingest.IngestCore;
import io.jieneng.ingest.IngestSchema;
import io.jieneng.ingest.pipeline.RecordingSink;
import io.jieneng.ingest.quarantine.QuarantineStore;
import io.jieneng.ingest.reading.RejectReason;
import io.jieneng.ingest.testing.TestRegistry;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The operations endpoint over a real HTTP socket, in front of a real IngestCore and Prometheus registry. */
class OpsServerTest {

    final RecordingSink sink = new RecordingSink();
    final PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final HttpClient http = HttpClient.newHttpClient();
    IngestCore core;
    OpsServer ops;

    @BeforeEach
    void start() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(ds).locations(IngestSchema.LOCATIONS.toArray(String[]::new)).load().migrate();
        core = new IngestCore(IngestConfig.defaults(), TestRegistry::registry, sink, new QuarantineStore(ds, 100),
                meters, Clock.systemUTC());
        ops = new OpsServer(new OpsConfig("127.0.0.1", 0), meters::scrape, Map.of("store", core::storeReachable));
        ops.start();
    }

    @AfterEach
    void stop() {
        ops.close();
        core.close();
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void metricsAreThePrometheusTextOfTheIngestMeters() throws Exception {
        core.metrics().stored(1, 96);
        core.metrics().rejected(RejectReason.TS_IN_FUTURE);

        HttpResponse<String> r = get("/metrics");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains(OpsServer.PROMETHEUS_TEXT);
        assertThat(r.body())
                .containsPattern("(?m)^jieneng_ingest_messages_total\\{qos=\"1\",?} 1\\.0$")
                .containsPattern("(?m)^jieneng_ingest_readings_total\\{qos=\"1\",?} 96\\.0$")
                .containsPattern("(?m)^jieneng_ingest_rejected_total\\{reason=\"ts_in_future\",?} 1\\.0$")
                .containsPattern("(?m)^jieneng_ingest_pending_readings 0\\.0$")
                .contains("# TYPE jieneng_ingest_write_seconds");
    }

    @Test
    void readyOnlyWhileTheStoreAnswers() throws Exception {
        HttpResponse<String> up = get("/health/ready");
        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(up.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"store\",\"status\":\"UP\"}]}");

        sink.failNext(1_000);
        HttpResponse<String> down = get("/health/ready");
        assertThat(down.statusCode()).isEqualTo(503);
        assertThat(down.headers().firstValue("Content-Type")).contains("application/json");
        assertThat(down.body())
                .isEqualTo("{\"status\":\"DOWN\",\"checks\":[{\"name\":\"store\",\"status\":\"DOWN\"}]}");
        // Liveness does not depend on the store: restarting ingest would not bring it back.
        assertThat(get("/health/live").statusCode()).isEqualTo(200);

        sink.failNext(0);
        assertThat(get("/health/ready").statusCode()).isEqualTo(200);
    }

    @Test
    void otherPathsAndMethodsAreRefused() throws Exception {
        assertThat(get("/").statusCode()).isEqualTo(404);
        assertThat(get("/metrics/extra").statusCode()).isEqualTo(404);
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ops.port() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
    }
}
