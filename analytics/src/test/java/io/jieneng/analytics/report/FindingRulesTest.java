package io.jieneng.analytics.report;

import io.jieneng.analytics.pue.Pue;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each rule fires just past its threshold, not on it, and cites the figures it compared. */
class FindingRulesTest {

    private static ProfileSection profile(Double completeness, Double previous) {
        return new ProfileSection("i", "n", "r", null, null, null, null, 0, 0, completeness, false, previous,
                List.of());
    }

    private static EnergySection energy(Double ratio, Double changePct) {
        AfterHoursLoad ah = new AfterHoursLoad(10, 10, 100, ratio == null ? 0 : 100 * ratio, 10.0,
                ratio == null ? null : 10 * ratio, ratio, 0.40);
        return new EnergySection(List.of(), 110, 0.11, 100, 0.1, changePct,
                new EnergySection.Electricity(0, 0, 0, 0, 0), 0, List.of(), ah);
    }

    private static SubItemSection subItems(double metered, double consumption) {
        return new SubItemSection(consumption, consumption, 0, 0, List.of(new SubItemSection.SubItemLine("01A00", "",
                "", 1, null, List.of("m"), metered, true, null)), metered, consumption - metered, null);
    }

    private static PvSection pv(Double rate) {
        return new PvSection(100, 10, 10.0, 30, 70, rate, 55, null, List.of());
    }

    private static DataCentreSection dc(Double pue, int monthsAbove) {
        return new DataCentreSection(List.of(new DataCentreSection.Centre("dc", 100, pue == null ? 0 : 100 * pue, pue,
                Pue.grade(pue), 1.0, false, List.of(), monthsAbove)));
    }

    private static VehicleSection vehicles(int nev, int acquired) {
        return new VehicleSection(acquired, nev, acquired - nev, acquired == 0 ? null : (double) nev / acquired, 0.3,
                acquired == 0 ? null : (double) nev / acquired >= 0.3, List.of());
    }

    private static List<String> rules(ProfileSection p, EnergySection e, SubItemSection s, PvSection pv,
                                      DataCentreSection dc, VehicleSection v) {
        return FindingRules.derive(p, e, s, pv, dc, v, List.of()).stream().map(Finding::rule).toList();
    }

    @Test
    void nothingFiresOnFiguresAtTheirThresholds() {
        assertThat(rules(profile(0.9, 0.95), energy(0.40, 0.0), subItems(102, 100), pv(0.70), dc(1.30, 0),
                vehicles(3, 10))).isEmpty();
        assertThat(rules(profile(null, null), energy(null, null), subItems(0, 0), pv(null), dc(null, 0),
                vehicles(0, 0))).isEmpty();
    }

    @Test
    void eachRuleFiresJustPastItsThreshold() {
        List<Finding> f = FindingRules.derive(profile(0.8999, 0.95), energy(0.4001, 0.01), subItems(102.1, 100),
                pv(0.6999), dc(1.5001, 0), vehicles(2, 7), List.of());
        assertThat(f).extracting(Finding::rule).containsExactly("pue_above_limit", "sub_meters_exceed_main",
                "after_hours_high", "pv_self_consumption_low", "energy_increased", "nev_below_target",
                "data_incomplete");
        Finding pue = f.get(0);
        assertThat(pue.subject()).isEqualTo("dc");
        assertThat(pue.value("pue")).isEqualTo(1.5001);
        assertThat(pue.value("limitPue")).isEqualTo(1.5);
        assertThat(f.get(2).value("ratio")).isEqualTo(0.4001);
        assertThat(f.get(2).value("threshold")).isEqualTo(0.40);
        assertThat(f.get(3).value("selfConsumptionRate")).isEqualTo(0.6999);
        assertThat(f.get(5).value("nevShare")).isEqualTo(2.0 / 7);
        assertThat(f.get(6).value("completeness")).isEqualTo(0.8999);
    }

    @Test
    void pueBetweenTheGreenTargetAndTheLimitIsInformationUnlessAMonthWasAboveTheLimit() {
        assertThat(rules(profile(1.0, null), energy(null, null), subItems(0, 0), pv(null), dc(1.31, 0),
                vehicles(0, 0))).containsExactly("pue_above_green_target");
        assertThat(rules(profile(1.0, null), energy(null, null), subItems(0, 0), pv(null), dc(1.45, 2),
                vehicles(0, 0))).containsExactly("pue_months_above_limit");
    }

    @Test
    void aRiseAgainstAnIncompletePreviousYearIsNotAFinding() {
        assertThat(rules(profile(1.0, 0.5), energy(null, 50.0), subItems(0, 0), pv(null), dc(null, 0),
                vehicles(0, 0))).isEmpty();
    }
}
