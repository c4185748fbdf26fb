package io.jieneng.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import io.jieneng.analytics.registry.AnalyticsSchema;
import io.jieneng.analytics.rollup.DashboardRollups;
import io.jieneng.dashboards.DashboardFiles.DashboardFile;
import io.jieneng.dashboards.Datastores.Result;
import io.jieneng.dashboards.GrafanaInterpolation.Range;
import io.jieneng.dashboards.GrafanaInterpolation.Selection;
import io.jieneng.devices.registry.Quota;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDatabase;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import io.jieneng.devices.security.SecretHasher;
import io.jieneng.devices.sim.BackfillSummary;
import io.jieneng.devices.sim.Simulator;
import io.jieneng.devices.sim.SimulatorOptions;
import io.jieneng.devices.sim.profile.SimulatedFleet;
import io.jieneng.ingest.IngestMain;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Every query of every dashboard, run against the real servers after the platform's own code filled them: the
 * bundled demo registry in PostgreSQL, the simulators backfilling three days through the real standalone ingest
 * into InfluxDB, and the rollup job writing energy_hourly and energy_daily. Macros and variables are filled as
 * Grafana fills them ({@link GrafanaInterpolation}); variables take their values from their own queries. Every
 * InfluxQL and SQL query must succeed and return values, in two selections of the variables ("All" or the first
 * value, then single values); every metric the ingest dashboard queries must be in a real scrape of the ingest.
 */
class DashboardQueriesIT {

    private static final ZoneId ZONE = ZoneId.of(Dashboards.TIMEZONE);
    private static final int BACKFILL_DAYS = 3;
    private static final SecretHasher HASHER = new SecretHasher(4);

    private static String influxUrl;
    private static String database;
    private static String registryUrl;
    private static String pgUrl;
    private static String pgUser;
    private static String pgPassword;
    private static String schema;
    private static RegistryDocument registry;
    private static IngestMain.Instance ingest;
    private static String scrape;
    private static Connection grafanaSql;
    private static Datastores stores;
    private static Instant now;
    /** Every query as sent and what it returned, written to target/dashboard-queries.log for a human to read. */
    private static final List<String> LOG = new ArrayList<>();

    @BeforeAll
    static void fillTheStoresThroughIngest() throws Exception {
        influxUrl = required("JIENENG_TEST_INFLUX_URL");
        pgUrl = required("JIENENG_TEST_PG_URL");
        pgUser = required("JIENENG_TEST_PG_USER");
        pgPassword = required("JIENENG_TEST_PG_PASSWORD");
        String id = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        database = "jieneng_dash_" + id;
        schema = "dash_" + id;
        try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        registryUrl = pgUrl + (pgUrl.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        registry = withQuotasOfThisYear(RegistryDocuments.demo());
        try (RegistryDatabase db = RegistryDatabase.open(registryUrl, pgUser, pgPassword, AnalyticsSchema.LOCATIONS)) {
            db.store(HASHER).importDocument(registry);
        }

        Map<String, String> env = new HashMap<>();
        env.put("JIENENG_STORE", "influxdb");
        env.put("JIENENG_INFLUX_URL", influxUrl);
        env.put("JIENENG_INFLUX_DB", database);
        env.put("JIENENG_DB_URL", registryUrl);
        env.put("JIENENG_DB_USER", pgUser);
        env.put("JIENENG_DB_PASSWORD", pgPassword);
        env.put("JIENENG_MQTT_HOST", "127.0.0.1");
        env.put("JIENENG_MQTT_PORT", "0");
        env.put("JIENENG_INGEST_METRICS_HOST", "127.0.0.1");
        env.put("JIENENG_INGEST_METRICS_PORT", "0");
        env.put("JIENENG_BCRYPT_COST", "4");
        // A bridge to the test broker too, as in the scale-out deployment, so its metrics are in the scrape.
        env.put("JIENENG_BRIDGE_URL", "tcp://" + required("JIENENG_TEST_MQTT_HOST") + ":"
                + required("JIENENG_TEST_MQTT_PORT"));
        env.put("JIENENG_BRIDGE_CLIENT_ID", "dashboards-it-" + id);
        env.put("JIENENG_BRIDGE_GROUP", "dashboards-it-" + id);
        ingest = IngestMain.start(env);
        int port = ingest.listener().orElseThrow().port();

        Simulator simulator = new Simulator(registry, SimulatorOptions.defaults().withBroker("127.0.0.1", port)
                .withBackfillDays(BACKFILL_DAYS).withLive(false));
        simulator.start();
        BackfillSummary backfill = simulator.awaitBackfill();
        simulator.close();
        assertThat(backfill.failedReadings()).as("readings ingest refused: %s", backfill.line()).isZero();
        assertThat(backfill.meters()).isEqualTo(registry.meters().size());
        assertThat(backfill.readings()).isGreaterThan((long) registry.meters().size() * BACKFILL_DAYS * 90);
        IngestRefusals.provoke(port, registry);

        try (RegistryDatabase db = RegistryDatabase.open(registryUrl, pgUser, pgPassword, AnalyticsSchema.LOCATIONS)) {
            Registry snapshot = db.store(HASHER).load();
            long rows = DashboardRollups.runToCompletion(influxUrl, database, db.dataSource(), () -> snapshot, ZONE);
            assertThat(rows).as("rollup rows written").isGreaterThan((long) registry.meters().size() * 24 * BACKFILL_DAYS);
        }
        scrape = get("http://127.0.0.1:" + ingest.opsPort() + "/metrics");

        // The registry datasource's role, granted exactly what dashboards/sql/grafana-reader.sql grants.
        try (Connection c = DriverManager.getConnection(registryUrl, pgUser, pgPassword);
             Statement s = c.createStatement()) {
            s.execute(Files.readString(DashboardFiles.READER_GRANTS));
        }
        grafanaSql = DriverManager.getConnection(registryUrl, pgUser, pgPassword);
        try (Statement s = grafanaSql.createStatement()) {
            s.execute("SET ROLE grafana_reader");
        }
        stores = new Datastores(influxUrl, database, grafanaSql);
        now = Instant.now();
    }

    @AfterAll
    static void cleanUp() throws Exception {
        Files.write(java.nio.file.Path.of("target", "dashboard-queries.log"), LOG);
        if (grafanaSql != null) {
            grafanaSql.close();
        }
        if (ingest != null) {
            ingest.close();
        }
        if (database != null && influxUrl != null) {
            new Datastores(influxUrl, database, null).influx("DROP DATABASE \"" + database + "\"");
        }
        if (schema != null) {
            try (Connection c = DriverManager.getConnection(pgUrl, pgUser, pgPassword);
                 Statement s = c.createStatement()) {
                s.execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void everyInfluxAndRegistryQueryOfEveryDashboardSucceedsAndReturnsValues() throws Exception {
        List<String> failures = new ArrayList<>();
        int executed = 0;
        DashboardRunner runner = new DashboardRunner(stores, now, ZONE, LOG);
        for (DashboardFile d : DashboardFiles.dashboards()) {
            for (int selection = 0; selection < 2; selection++) {
                executed += runner.run(d, selection, failures);
            }
        }
        assertThat(failures).as("queries that failed or returned nothing").isEmpty();
        assertThat(executed).as("queries executed").isGreaterThan(80);
    }

    /**
     * The figures a manager reads are the ones the meters' registers give: yesterday's comprehensive energy of
     * the province on the overview dashboard equals the simulators' own register advances over that local day
     * (grid imports of main meters × 0.1229 + gas × 1.2143), through MQTT, ingest, InfluxDB, the rollup job and
     * the panel's InfluxQL.
     */
    @Test
    void theOverviewsComprehensiveEnergyIsTheRegistersAdvanceTimesTheFactors() throws Exception {
        Instant today = now.atZone(ZONE).truncatedTo(ChronoUnit.DAYS).toInstant();
        Instant yesterday = today.minus(1, ChronoUnit.DAYS);
        SimulatedFleet fleet = SimulatedFleet.of(registry, SimulatorOptions.defaults().seed());
        double expected = 0;
        for (var m : registry.meters()) {
            var sim = fleet.meter(m.id()).orElseThrow();
            double factor = switch (m.type()) {
                case ELECTRICITY -> m.role() != null && m.role().json().equals("main")
                        ? Factors.ELECTRICITY_KGCE_PER_KWH : 0;
                case GAS -> Factors.GAS_KGCE_PER_M3;
                default -> 0;
            };
            if (factor == 0) {
                continue;
            }
            var field = m.type().json().equals("gas") ? io.jieneng.devices.reading.ReadingField.VOLUME_M3
                    : io.jieneng.devices.reading.ReadingField.ENERGY_KWH;
            expected += factor * (sim.readingAt(today.toEpochMilli()).get(field)
                    - sim.readingAt(yesterday.toEpochMilli()).get(field));
        }
        DashboardFile overview = DashboardFiles.dashboards().stream().filter(d -> d.uid().equals("jieneng-overview"))
                .findFirst().orElseThrow();
        JsonNode kgce = overview.panels().stream().filter(p -> p.path("title").asText()
                .equals("Comprehensive energy")).findFirst().orElseThrow().path("targets").get(0);
        GrafanaInterpolation g = new GrafanaInterpolation();
        g.set("timezone", new Selection(false, false, null, List.of(Dashboards.TIMEZONE), false));
        g.set("region", new Selection(true, true, Variable.ALL_REGEX, List.of(), true));
        g.set("institution", new Selection(true, true, Variable.ALL_REGEX, List.of(), true));
        // Grafana's time filter is inclusive at both ends: stop a millisecond before today's row.
        Range day = new Range("x", "y", yesterday, today.minusMillis(1));
        Result r = stores.influx(g.influx(kgce.path("query").asText(), day, null));
        double actual = ((Number) r.rows().get(0).get("sum")).doubleValue();
        assertThat(expected).isGreaterThan(1000);
        assertThat(actual).isCloseTo(expected, within(expected * 1e-9));
    }

    @Test
    void everyMetricTheIngestDashboardQueriesIsInARealScrapeOfTheIngest() {
        Set<String> scraped = new HashSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                scraped.add(line.split("[{ ]", 2)[0]);
            }
        }
        Pattern metric = Pattern.compile("\\b((?:jieneng|jvm|process)_[a-z0-9_]+)");
        Set<String> used = new LinkedHashSet<>();
        for (DashboardFile d : DashboardFiles.dashboards()) {
            List<String> exprs = new ArrayList<>();
            d.variables().stream().filter(v -> v.path("datasource").path("uid").asText()
                    .equals(Datasource.PROMETHEUS.uid())).forEach(v -> exprs.add(v.path("query").asText()));
            for (JsonNode p : d.panels()) {
                p.path("targets").forEach(t -> {
                    if (DashboardFiles.datasourceUid(p, t).equals(Datasource.PROMETHEUS.uid())) {
                        exprs.add(t.path("expr").asText());
                    }
                });
            }
            for (String e : exprs) {
                Matcher m = metric.matcher(e);
                while (m.find()) {
                    used.add(m.group(1));
                }
            }
        }
        assertThat(used).as("metrics the ingest dashboard queries").hasSizeGreaterThan(15);
        assertThat(scraped).as("metrics in the ingest's /metrics").containsAll(used);
    }

    /** The demo registry, with a quota for the current year wherever it has none (the demo's run out). */
    private static RegistryDocument withQuotasOfThisYear(RegistryDocument demo) {
        int year = Year.now(ZONE).getValue();
        List<Quota> quotas = new ArrayList<>(demo.quotas());
        demo.institutions().forEach(i -> {
            if (quotas.stream().noneMatch(q -> q.institution().equals(i.id()) && q.year() == year)) {
                quotas.add(new Quota(i.id(), year, 500_000.0, null, null, null));
            }
        });
        return new RegistryDocument(demo.regions(), demo.institutions(), demo.meters(), demo.gateways(),
                demo.dataCenters(), demo.vehicles(), quotas, demo.users());
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(url).isEqualTo(200);
        return r.body();
    }

    private static String required(String name) {
        String v = System.getenv(name);
        if (v == null || v.isBlank()) {
            throw new IllegalStateException(name + " is not set: run the integration tests with ./jieneng test, "
                    + "which starts the real InfluxDB, PostgreSQL and Mosquitto they need");
        }
        return v;
    }
}
