package io.jieneng.analytics.region;

import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.quota.EnergyTotals;
import io.jieneng.analytics.quota.QuotaAssessment;
import io.jieneng.analytics.quota.QuotaPeriod;
import io.jieneng.analytics.quota.QuotaReport;
import io.jieneng.analytics.quota.QuotaStatus;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Region;
import io.jieneng.devices.registry.RegionLevel;
import io.jieneng.devices.registry.Registry;
import io.jieneng.devices.registry.RegistryDocument;
import io.jieneng.devices.registry.Vehicle;
import io.jieneng.devices.registry.VehicleEnergy;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The roll-up on a hand-made tree: province 32 with cities 3201 (county 320102 below it) and 3205, and an empty
 * city 3206; institutions at every level.
 */
class RegionRollupTest {

    private static final FactorTable FACTORS = FactorTable.load(Optional.empty());
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final Region PROVINCE = new Region("320000", "省", RegionLevel.PROVINCE, null);
    private static final Region NANJING = new Region("320100", "南京", RegionLevel.CITY, "320000");
    private static final Region XUANWU = new Region("320102", "玄武", RegionLevel.COUNTY, "320100");
    private static final Region SUZHOU = new Region("320500", "苏州", RegionLevel.CITY, "320000");
    private static final Region EMPTY = new Region("320600", "南通", RegionLevel.CITY, "320000");
    private static final Region OTHER = new Region("330000", "浙江", RegionLevel.PROVINCE, null);

    private static final List<Institution> INSTITUTIONS = List.of(
            new Institution("prov", "p", "320000", "government", 1000.0, 100),
            new Institution("nj", "n", "320100", "school", 4000.0, 200),
            new Institution("xw", "x", "320102", "school", null, 50),
            new Institution("sz", "s", "320500", "hospital", 3000.0, null),
            new Institution("zj", "z", "330000", "school", 1.0, 1));

    private static final Registry REGISTRY = Registry.of(new RegistryDocument(
            List.of(PROVINCE, NANJING, XUANWU, SUZHOU, EMPTY, OTHER), INSTITUTIONS, List.of(), List.of(), List.of(),
            List.of(new Vehicle("苏A1", "nj", VehicleEnergy.NEV, LocalDate.of(2025, 3, 1)),
                    new Vehicle("苏A2", "nj", VehicleEnergy.ICE, LocalDate.of(2025, 5, 1)),
                    new Vehicle("苏E1", "sz", VehicleEnergy.NEV, LocalDate.of(2025, 12, 31)),
                    new Vehicle("苏E2", "sz", VehicleEnergy.ICE, LocalDate.of(2024, 12, 31)),
                    new Vehicle("浙A1", "zj", VehicleEnergy.NEV, LocalDate.of(2025, 1, 1))),
            List.of(), List.of()));

    /** kWh of grid import per institution; 1000 kWh = 122.9 kgce. */
    private static EnergyTotals kwh(double kwh) {
        return new EnergyTotals(kwh, 0, 0, 0, 0, 0, 10, 10);
    }

    private static QuotaReport report(String id, QuotaStatus status) {
        return new QuotaReport(id, 2025, "2025-12-31", 1.0, null, List.of(), status, List.of(), "Asia/Shanghai",
                "", "", null, null, "v");
    }

    private static RegionSummary summarize(Region root) {
        Map<String, EnergyTotals> totals = new HashMap<>(Map.of("prov", kwh(1000), "nj", kwh(2000),
                "xw", kwh(3000), "sz", kwh(4000), "zj", kwh(100_000)));
        Map<String, QuotaReport> reports = Map.of("prov", report("prov", QuotaStatus.OK),
                "nj", report("nj", QuotaStatus.EXCEEDED), "xw", report("xw", QuotaStatus.WARNING),
                "sz", report("sz", null));
        Map<String, String> branches = RegionRollup.branches(REGISTRY, root);
        List<Institution> within = RegionRollup.institutionsWithin(REGISTRY, branches);
        QuotaAssessment a = new QuotaAssessment(QuotaPeriod.of(2025, LocalDate.of(2025, 12, 31)), totals, reports);
        return RegionRollup.summarize(REGISTRY, root, branches, within, a, FACTORS, "east-china", ZONE);
    }

    @Test
    void theProvinceSumsEveryInstitutionBelowItAndNothingElse() {
        RegionSummary s = summarize(PROVINCE);
        assertThat(s.institutions()).isEqualTo(4);
        assertThat(s.totals().gridImportKwh()).isEqualTo(10_000.0);
        assertThat(s.totals().kgce()).isCloseTo(1229.0, within(1e-9));
        assertThat(s.totals().co2Kg()).as("2025 uses the 2023 factor").isCloseTo(5500.0, within(1e-9));
        // Occupants known for prov, nj, xw: (1000 + 2000 + 3000) kWh × 0.1229 ÷ 350.
        assertThat(s.kgcePerCapita()).isCloseTo(6000 * 0.1229 / 350, within(1e-12));
        // Floor area known for prov, nj, sz: (1000 + 2000 + 4000) kWh × 0.1229 ÷ 8000 m².
        assertThat(s.kgcePerM2()).isCloseTo(7000 * 0.1229 / 8000, within(1e-12));
        assertThat(s.quotaCompliance()).isEqualTo(new QuotaCompliance(1, 1, 0, 1, 1, 4, 0.5));
        assertThat(s.conservationTargetMet()).isFalse();
        assertThat(s.vehicles()).isEqualTo(new VehicleCount(2, 3));
        assertThat(s.nevShare()).isCloseTo(2 / 3.0, within(1e-15));
        assertThat(s.nevTargetMet()).isTrue();
        assertThat(s.level()).isEqualTo("province");
        assertThat(s.from()).isEqualTo("2025-01-01T00:00:00+08:00");
        assertThat(s.to()).isEqualTo("2026-01-01T00:00:00+08:00");
    }

    @Test
    void childrenAndTheDirectRowAddUpToTheRegion() {
        RegionSummary s = summarize(PROVINCE);
        assertThat(s.children()).extracting(RegionRow::code).containsExactly("320100", "320500", "320600");
        RegionRow nanjing = s.children().get(0);
        assertThat(nanjing.institutions()).as("nj and xw, in the county below").isEqualTo(2);
        assertThat(nanjing.totals().gridImportKwh()).isEqualTo(5000.0);
        assertThat(nanjing.quotaCompliance()).isEqualTo(new QuotaCompliance(0, 1, 0, 1, 0, 2, 0.5));
        assertThat(nanjing.nevShare()).isEqualTo(0.5);
        assertThat(nanjing.kgcePerM2()).as("only nj has a floor area").isCloseTo(2000 * 0.1229 / 4000, within(1e-12));

        RegionRow suzhou = s.children().get(1);
        assertThat(suzhou.quotaCompliance().complianceRate()).as("a quota nobody can assess is not compliance")
                .isEqualTo(0.0);
        assertThat(suzhou.kgcePerCapita()).isNull();
        assertThat(suzhou.nevShare()).as("the 2024 vehicle is not counted").isEqualTo(1.0);

        RegionRow empty = s.children().get(2);
        assertThat(empty.institutions()).isZero();
        assertThat(empty.quotaCompliance().complianceRate()).isNull();
        assertThat(empty.conservationTargetMet()).isNull();
        assertThat(empty.nevShare()).isNull();
        assertThat(empty.totals().completeness()).isNull();

        assertThat(s.direct().institutions()).isEqualTo(1);
        assertThat(s.direct().conservationTargetMet()).isTrue();
        double sum = s.direct().totals().kgce();
        for (RegionRow r : s.children()) {
            sum += r.totals().kgce();
        }
        assertThat(sum).isCloseTo(s.totals().kgce(), within(1e-9));
    }

    @Test
    void aCountySummaryHasNoChildren() {
        RegionSummary s = summarize(XUANWU);
        assertThat(s.institutions()).isEqualTo(1);
        assertThat(s.children()).isEmpty();
        assertThat(s.direct().institutions()).isEqualTo(1);
        assertThat(s.quotaCompliance()).isEqualTo(new QuotaCompliance(0, 1, 0, 0, 0, 1, 1.0));
        assertThat(s.conservationTargetMet()).isTrue();
        assertThat(s.nevShare()).isNull();
        assertThat(s.nevTargetMet()).isNull();
    }
}
