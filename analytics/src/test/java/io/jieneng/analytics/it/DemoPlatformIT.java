package io.jieneng.analytics.it;

import io.jieneng.analytics.node.InProcessIngest;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.MeterRole;
import io.jieneng.devices.registry.MeterType;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.RegistryDocuments;
import io.jieneng.devices.sim.Simulator;
import io.jieneng.devices.sim.SimulatorOptions;
import io.jieneng.devices.sim.profile.SimulatedFleet;
import io.jieneng.devices.sim.profile.SimulatedMeter;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static io.jieneng.analytics.it.ConsumptionPathScenario.assertClose;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What {@code ./jieneng run} does, on real components: the bundled demo registry is imported at start-up (as
 * {@code --registry} does), the simulated meters backfill through the MQTT ingest, and the consumption API
 * returns exactly the energy the simulators' registers advanced by, computed here from the profiles themselves.
 */
@QuarkusTest
@WithTestResource(value = FreshPlatform.class, scope = TestResourceScope.RESTRICTED_TO_CLASS,
        initArgs = @ResourceArg(name = "registryFile", value = "demo"))
class DemoPlatformIT {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final String INSTITUTION = "js-gov-office";

    @Inject
    InProcessIngest ingest;

    @Test
    void theDemoRegistryIsLoadedAtStartUpAndItsUsersCanLogIn() {
        JsonPath registry = Api.as("audit-1", "demo-audit-1").when().get("/api/v1/registry")
                .then().statusCode(200).extract().jsonPath();
        assertThat(registry.getList("institutions")).hasSize(5);
        assertThat(registry.getList("meters")).hasSize(RegistryDocuments.demo().meters().size());
        Api.as("gov-energy", "demo-gov-energy").queryParam("from", "2026-01-01").queryParam("to", "2026-01-02")
                .when().get("/api/v1/institutions/xw-hospital/consumption").then().statusCode(403);
    }

    @Test
    void simulatedMetersBackfillThroughIngestAndYesterdayIsExact() throws Exception {
        RegistryDocument demo = RegistryDocuments.demo();
        SimulatorOptions options = SimulatorOptions.defaults()
                .withBroker("127.0.0.1", ingest.port().orElseThrow()).withBackfillDays(2).withLive(false);
        try (Simulator simulator = new Simulator(demo, options)) {
            simulator.start();
            assertThat(simulator.awaitBackfill().failedReadings()).isZero();
        }
        LocalDate yesterday = LocalDate.now(ZONE).minusDays(1);
        long from = yesterday.atStartOfDay(ZONE).toInstant().toEpochMilli();
        long to = yesterday.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli();

        // Independent expectation: the simulators' own register values at the two midnights.
        SimulatedFleet fleet = SimulatedFleet.of(demo, options.seed());
        double importKwh = advance(fleet, demo, MeterType.ELECTRICITY, ReadingField.ENERGY_KWH, from, to);
        double exportKwh = advance(fleet, demo, MeterType.ELECTRICITY, ReadingField.EXPORT_KWH, from, to);
        double pvKwh = advance(fleet, demo, MeterType.PV, ReadingField.ENERGY_KWH, from, to);
        double gasM3 = advance(fleet, demo, MeterType.GAS, ReadingField.VOLUME_M3, from, to);
        double waterM3 = advance(fleet, demo, MeterType.WATER, ReadingField.VOLUME_M3, from, to);
        assertThat(importKwh).as("the demo office draws power every day").isPositive();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonPath json = Api.as("gov-energy", "demo-gov-energy")
                    .queryParam("from", yesterday.toString()).queryParam("to", yesterday.plusDays(1).toString())
                    .when().get("/api/v1/institutions/" + INSTITUTION + "/consumption")
                    .then().statusCode(200).extract().jsonPath(Api.EXACT);
            assertClose(json.getDouble("total.gridImportKwh"), importKwh);
            assertClose(json.getDouble("total.gridExportKwh"), exportKwh);
            assertClose(json.getDouble("total.pvGenerationKwh"), pvKwh);
            assertClose(json.getDouble("total.gasM3"), gasM3);
            assertClose(json.getDouble("total.waterM3"), waterM3);
            assertClose(json.getDouble("total.completeness"), 1.0);
            assertThat(json.getBoolean("total.estimated")).isFalse();
        });
    }

    /** How far the registers of the institution's counting meters of {@code type} advanced over [from, to]. */
    private static double advance(SimulatedFleet fleet, RegistryDocument demo, MeterType type, ReadingField field,
                                  long from, long to) {
        List<Meter> meters = demo.meters().stream()
                .filter(m -> m.institution().equals(INSTITUTION) && m.type() == type && m.role() != MeterRole.SUB)
                .toList();
        double sum = 0;
        for (Meter m : meters) {
            SimulatedMeter sim = fleet.meter(m.id()).orElseThrow();
            Reading start = sim.readingAt(from);
            Reading end = sim.readingAt(to);
            if (start.get(field) != null) {
                double delta = end.get(field) - start.get(field);
                assertThat(delta).as("no register reset in the simulators").isNotNegative();
                sum += delta;
            }
        }
        return sum;
    }
}
