package io.jieneng.analytics.it;

import io.jieneng.analytics.it.YearDataset.Message;
import io.jieneng.analytics.it.YearDataset.Sample;
import io.jieneng.analytics.it.YearExpectation.Q;
import io.jieneng.analytics.node.InProcessIngest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static io.jieneng.analytics.it.YearExpectation.Q.EXPORT_KWH;
import static io.jieneng.analytics.it.YearExpectation.Q.GAS_M3;
import static io.jieneng.analytics.it.YearExpectation.Q.HEAT_GJ;
import static io.jieneng.analytics.it.YearExpectation.Q.IMPORT_KWH;
import static io.jieneng.analytics.it.YearExpectation.Q.PV_KWH;
import static io.jieneng.analytics.it.YearExpectation.Q.WATER_M3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A year of 15-minute readings ({@link YearDataset}, about 35,000 per meter) published through MQTT on several
 * connections at once; the consumption, carbon, PUE and PV answers equal what {@link YearExpectation} computes
 * from the raw generated data, to 1e-9 relative. Every response is also kept for {@link StoreParityIT}.
 */
public abstract class YearDatasetScenario extends PlatformTest {

    private static final Logger LOG = Logger.getLogger(YearDatasetScenario.class);
    private static final String INSTITUTION = "/api/v1/institutions/yr-inst";
    private static final LocalDate OUTAGE_DAY = LocalDate.of(2022, 8, 10);
    private static final int PUBLISHERS = 4;

    private final YearDataset data = YearDataset.generate();

    @Inject
    InProcessIngest ingest;

    /** {@code questdb} or {@code influxdb}: where this class's responses are kept for the parity check. */
    protected abstract String store();

    @Override
    protected String registryResource() {
        return "/year-registry.json";
    }

    @Override
    protected void afterRegistryImport() throws Exception {
        StoreParityIT.clear(store());
        long started = System.nanoTime();
        publishInParallel();
        LOG.infof("%s: %d readings acknowledged in %d ms", store(), data.firstPhaseReadings(),
                (System.nanoTime() - started) / 1_000_000);
        // Before the backfill, the outage is one wide pair of it-main: spread evenly and marked estimated.
        awaitOutageDay(data.beforeBackfill, true);
        publishAs(data.secondPhase);
        awaitOutageDay(data.finalData, false);
    }

    @Test
    void monthlyAndAnnualConsumptionEqualTheRawData() {
        JsonPath month = consumption("2022-01-01", "2023-01-01", "month");
        long[] bounds = YearExpectation.months(2022);
        double[][] q = YearExpectation.quantities(data.finalData, bounds);
        assertThat(month.getList("buckets")).hasSize(12);
        for (int m = 0; m < 12; m++) {
            assertBucket(month, "buckets[" + m + "]", q, m, 2022);
        }

        long[] year = YearExpectation.months(2022);
        double[][] annual = YearExpectation.quantities(data.finalData, new long[] {year[0], year[12]});
        assertBucket(month, "total", annual, 0, 2022);
        // The water meter was commissioned on 1 May: nothing before, its whole consumption after.
        assertThat(q[WATER_M3.ordinal()][3]).isZero();
        assertThat(q[WATER_M3.ordinal()][4]).isPositive();
    }

    @Test
    void newYearsEveSplitsAtLocalMidnightWithEachYearsGridFactor() {
        JsonPath day = consumption("2022-12-31", "2023-01-02", "day");
        double[][] q = YearExpectation.quantities(data.finalData,
                YearExpectation.days(LocalDate.of(2022, 12, 31), LocalDate.of(2023, 1, 2)));
        assertBucket(day, "buckets[0]", q, 0, 2022);
        assertBucket(day, "buckets[1]", q, 1, 2023);

        JsonPath hour = consumption("2022-12-31T20:00:00+08:00", "2023-01-01T04:00:00+08:00", "hour");
        double[][] h = YearExpectation.quantities(data.finalData, YearExpectation.hours(
                LocalDateTime.of(2022, 12, 31, 20, 0), LocalDateTime.of(2023, 1, 1, 4, 0)));
        for (int i = 0; i < 8; i++) {
            assertBucket(hour, "buckets[" + i + "]", h, i, i < 4 ? 2022 : 2023);
        }
    }

    @Test
    void carbonOfTheYearEqualsTheRawData() {
        long[] year = YearExpectation.months(2022);
        double[][] q = YearExpectation.quantities(data.finalData, new long[] {year[0], year[12]});
        double imp = q[IMPORT_KWH.ordinal()][0];
        double gas = q[GAS_M3.ordinal()][0];
        double heat = q[HEAT_GJ.ordinal()][0];
        double total = YearExpectation.co2(imp, gas, heat, 2022);

        JsonPath c = get(INSTITUTION + "/carbon?year=2022", "carbon-2022");
        assertClose(c.get("totalKg"), total);
        assertClose(c.get("scope1Kg"), gas * YearExpectation.CO2_PER_M3_GAS);
        assertClose(c.get("scope2Kg"), imp * 0.5617 + heat * YearExpectation.CO2_PER_GJ_HEAT);
        assertClose(c.get("byEnergy.electricity"), imp * 0.5617);
        assertClose(c.get("byEnergy.gas"), gas * YearExpectation.CO2_PER_M3_GAS);
        assertClose(c.get("byEnergy.heat"), heat * YearExpectation.CO2_PER_GJ_HEAT);
        assertClose(c.get("pvAvoidedKg"), q[PV_KWH.ordinal()][0] * 0.5617);
        assertClose(c.get("perCapitaKg"), total / 300);
        assertClose(c.get("perM2Kg"), total / 12000);
        assertThat(c.getList("factors", Map.class).get(0)).containsEntry("year", 2022);

        // 2023 holds only the two hours after New Year, at the 2023 factor.
        JsonPath next = get(INSTITUTION + "/carbon?year=2023", "carbon-2023");
        double[][] q23 = YearExpectation.quantities(data.finalData, new long[] {year[12], YearDataset.END + 1});
        assertClose(next.get("totalKg"), YearExpectation.co2(q23[IMPORT_KWH.ordinal()][0],
                q23[GAS_M3.ordinal()][0], q23[HEAT_GJ.ordinal()][0], 2023));
        assertThat(next.getList("factors", Map.class).get(0)).containsEntry("year", 2023);
    }

    @Test
    void pueOfTheYearIsTotalOverItEnergy() {
        long[] year = YearExpectation.months(2022);
        long[] bounds = {year[0], year[12]};
        double it = YearExpectation.register(data.finalData.get("yr-dc-it"), "energyKwh", bounds)[0];
        double total = YearExpectation.register(data.finalData.get("yr-dc-total"), "energyKwh", bounds)[0];

        JsonPath p = get("/api/v1/datacenters/yr-dc/pue?from=2022-01-01&to=2023-01-01", "pue-2022");
        assertClose(p.get("itKwh"), it);
        assertClose(p.get("totalKwh"), total);
        assertClose(p.get("pue"), total / it);
        double pue = total / it;
        Object grade = pue <= 1.2 ? 1 : pue <= 1.3 ? 2 : pue <= 1.5 ? 3 : "below-limit";
        assertThat((Object) p.get("grade")).isEqualTo(grade);

        get("/api/v1/datacenters/yr-dc/pue?from=2022-08-01T06:30:00%2B08:00&to=2022-08-20T18:45:00%2B08:00",
                "pue-august");
    }

    @Test
    void pvPerformanceOfTheYearEqualsTheRawData() {
        long[] year = YearExpectation.months(2022);
        long[] bounds = {year[0], year[12]};
        double generation = YearExpectation.register(data.finalData.get("yr-pv"), "energyKwh", bounds)[0];
        double export = YearExpectation.register(data.finalData.get("yr-main"), "exportKwh", bounds)[0];
        double h = YearExpectation.irradiation(data.finalData.get("yr-pv"), year[0], year[12]);
        double yield = generation / YearDataset.PV_KWP;

        JsonPath p = get("/api/v1/pv/yr-pv/performance?from=2022-01-01&to=2023-01-01", "pv-2022");
        assertClose(p.get("generationKwh"), generation);
        assertClose(p.get("specificYieldKwhPerKwp"), yield);
        assertClose(p.get("irradiationKwhPerM2"), h);
        assertClose(p.get("performanceRatio"), yield / h);
        assertClose(p.get("selfConsumptionRate"), Math.max(0, Math.min(1, (generation - export) / generation)));

        long from = YearDataset.local("2022-06-03T09:07");
        long to = YearDataset.local("2022-06-20T15:52");
        JsonPath june = get("/api/v1/pv/yr-pv/performance?from=2022-06-03T09:07:00%2B08:00"
                + "&to=2022-06-20T15:52:00%2B08:00", "pv-june");
        assertClose(june.get("irradiationKwhPerM2"), YearExpectation.irradiation(data.finalData.get("yr-pv"), from, to));
    }

    @Test
    void responsesForTheStoreParityCheck() {
        get(INSTITUTION + "/consumption?from=2022-01-01&to=2023-01-01&interval=hour", "consumption-hour-2022");
        get(INSTITUTION + "/consumption?from=2022-01-01&to=2023-01-01&interval=day", "consumption-day-2022");
        get(INSTITUTION + "/consumption?from=2022-01-01&to=2023-01-01&interval=month", "consumption-month-2022");
        get(INSTITUTION + "/consumption?from=2021-12-31T23:07:00%2B08:00&to=2023-01-01T01:13:00%2B08:00"
                + "&interval=month", "consumption-month-unaligned");
        get(INSTITUTION + "/consumption?from=2022-08-09&to=2022-08-12&interval=hour", "consumption-hour-outage");
        get("/api/v1/datacenters/yr-dc/pue?from=2022-12-31&to=2023-01-02", "pue-new-year");
        StoreParityIT.complete(store());
    }

    private void assertBucket(JsonPath json, String at, double[][] q, int i, int year) {
        double imp = q[IMPORT_KWH.ordinal()][i];
        double exp = q[EXPORT_KWH.ordinal()][i];
        double pv = q[PV_KWH.ordinal()][i];
        double gas = q[GAS_M3.ordinal()][i];
        double heat = q[HEAT_GJ.ordinal()][i];
        assertClose(json.get(at + ".gridImportKwh"), imp);
        assertClose(json.get(at + ".gridExportKwh"), exp);
        assertClose(json.get(at + ".pvGenerationKwh"), pv);
        assertClose(json.get(at + ".electricityKwh"), imp + pv - exp);
        assertClose(json.get(at + ".gasM3"), gas);
        assertClose(json.get(at + ".waterM3"), q[WATER_M3.ordinal()][i]);
        assertClose(json.get(at + ".heatGj"), heat);
        assertClose(json.get(at + ".kgce"), YearExpectation.kgce(imp, gas, heat));
        assertClose(json.get(at + ".co2Kg"), YearExpectation.co2(imp, gas, heat, year));
    }

    /** Waits until the outage day's hours equal {@code expected}'s, with the gap hours flagged or not. */
    private void awaitOutageDay(Map<String, List<Sample>> expected, boolean gap) {
        double[][] q = YearExpectation.quantities(expected, YearExpectation.hours(OUTAGE_DAY.atStartOfDay(),
                OUTAGE_DAY.plusDays(1).atStartOfDay()));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            JsonPath day = consumption(OUTAGE_DAY.toString(), OUTAGE_DAY.plusDays(1).toString(), "hour");
            for (int hour = 0; hour < 24; hour++) {
                assertBucket(day, "buckets[" + hour + "]", q, hour, 2022);
                // The pair 07:50 → 14:05 reaches into hours 7 to 14.
                boolean inGap = gap && hour >= 7 && hour <= 14;
                assertThat(day.getBoolean("buckets[" + hour + "].estimated")).as("hour %d estimated", hour)
                        .isEqualTo(inGap);
            }
        });
    }

    private void publishInParallel() throws Exception {
        int port = ingest.port().orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(PUBLISHERS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (Map.Entry<String, List<Message>> e : data.firstPhase.entrySet()) {
                done.add(pool.submit(() -> {
                    try (Meters m = Meters.connect(port, e.getKey(), secret(e.getKey()))) {
                        for (Message msg : e.getValue()) {
                            m.publish(msg.meter(), msg.payload());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private void publishAs(List<Message> messages) throws Exception {
        int port = ingest.port().orElseThrow();
        for (Message msg : messages) {
            try (Meters m = Meters.connect(port, msg.meter(), secret(msg.meter()))) {
                m.publish(msg.meter(), msg.payload());
            }
        }
    }

    private static String secret(String meter) {
        return Api.deviceSecret("/year-registry.json", meter);
    }

    private static JsonPath consumption(String from, String to, String interval) {
        return Api.as("yr-user", "yr-pass").queryParam("from", from).queryParam("to", to)
                .queryParam("interval", interval).when().get(INSTITUTION + "/consumption")
                .then().statusCode(200).extract().jsonPath(Api.EXACT);
    }

    /** GETs {@code pathAndQuery} as the institution's user, keeps the body for the parity check, returns it. */
    private JsonPath get(String pathAndQuery, String name) {
        String body = Api.as("yr-user", "yr-pass").urlEncodingEnabled(false).when().get(pathAndQuery)
                .then().statusCode(200).extract().asString();
        StoreParityIT.record(store(), name, body);
        return new JsonPath(body).using(Api.EXACT);
    }
}
