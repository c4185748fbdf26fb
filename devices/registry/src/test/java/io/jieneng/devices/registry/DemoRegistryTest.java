package io.jieneng.devices.registry;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class DemoRegistryTest {

    private final RegistryDocument demo = RegistryDocuments.demo();

    @Test
    void demoValidatesWithoutProblems() {
        assertThat(RegistryDocuments.validate(demo, Registry.empty())).isEmpty();
    }

    @Test
    void demoCoversJiangsuWithTwoCitiesAndTwoCounties() {
        Registry r = Registry.of(demo);
        assertThat(r.region("320000").orElseThrow().level()).isEqualTo(RegionLevel.PROVINCE);
        assertThat(r.childrenOf("320000")).extracting(Region::code).containsExactly("320100", "320500");
        assertThat(r.childrenOf("320100")).extracting(Region::code).containsExactly("320102");
        assertThat(r.childrenOf("320500")).extracting(Region::code).containsExactly("320508");
        assertThat(demo.institutions()).extracting(Institution::category)
                .containsExactly("government", "government", "school", "hospital", "government");
    }

    @Test
    void everyInstitutionHasOneMainMeterSubMetersWaterAndGas() {
        for (Institution inst : demo.institutions()) {
            List<Meter> meters = Registry.of(demo).metersOf(inst.id());
            assertThat(meters).filteredOn(m -> m.role() == MeterRole.MAIN).as(inst.id()).hasSize(1);
            assertThat(meters).filteredOn(m -> m.role() == MeterRole.SUB && m.subitem() != SubItem.IT_CENTRE
                    && !(inst.id().equals("js-gov-office") && m.subitem() == SubItem.SPECIAL))
                    .as(inst.id()).hasSizeBetween(2, 4);
            assertThat(meters).extracting(Meter::type).as(inst.id()).contains(MeterType.WATER, MeterType.GAS);
            assertThat(inst.floorAreaM2()).isPositive();
            assertThat(inst.occupants()).isPositive();
        }
    }

    @Test
    void pvAtSeveralInstitutionsAndOneLaterCommissioning() {
        List<Meter> pv = demo.meters().stream().filter(m -> m.type() == MeterType.PV).toList();
        assertThat(pv.stream().map(Meter::institution).distinct()).hasSizeGreaterThanOrEqualTo(2);
        assertThat(pv).allSatisfy(m -> assertThat(m.capacityKwp()).isPositive());
        assertThat(demo.meters()).allSatisfy(m -> assertThat(m.intervalSeconds()).isEqualTo(900));
        assertThat(demo.meters()).filteredOn(m -> !m.commissioned().equals(LocalDate.of(2025, 1, 1)))
                .singleElement().satisfies(m -> {
                    assertThat(m.type()).isEqualTo(MeterType.PV);
                    assertThat(m.commissioned()).isEqualTo(LocalDate.of(2025, 6, 1));
                });
    }

    @Test
    void dataCentreOfTheProvincialAgencyHasItAndTotalSubMeters() {
        Registry r = Registry.of(demo);
        DataCenter dc = demo.dataCenters().get(0);
        assertThat(dc.institution()).isEqualTo("js-gov-office");
        assertThat(r.meter(dc.itMeter()).orElseThrow().subitem()).isEqualTo(SubItem.IT_CENTRE);
        assertThat(r.meter(dc.totalMeter()).orElseThrow().subitem()).isEqualTo(SubItem.SPECIAL);
        assertThat(r.institution(dc.institution()).orElseThrow().region()).isEqualTo("320000");
    }

    @Test
    void gatewayCarriesWaterAndGasMeters() {
        Registry r = Registry.of(demo);
        assertThat(demo.gateways()).anySatisfy(g -> assertThat(g.meters()).extracting(id -> r.meter(id)
                .orElseThrow().type()).contains(MeterType.WATER, MeterType.GAS));
    }

    @Test
    void quotasFor2025And2026AreConsistentWithFloorAreaAndOccupants() {
        Registry r = Registry.of(demo);
        for (Institution inst : demo.institutions()) {
            for (int year : new int[] {2025, 2026}) {
                Quota q = r.quota(inst.id(), year).orElseThrow(() -> new AssertionError(inst.id() + " " + year));
                // Total and intensity quotas of one institution must tell the same story within 10 %.
                assertThat(q.totalKgce() / inst.floorAreaM2()).as(inst.id()).isCloseTo(q.kgcePerM2(),
                        org.assertj.core.data.Percentage.withPercentage(10));
                assertThat(q.totalKgce() / inst.occupants()).as(inst.id()).isCloseTo(q.kgcePerCapita(),
                        org.assertj.core.data.Percentage.withPercentage(10));
            }
            assertThat(r.quota(inst.id(), 2026).orElseThrow().totalKgce())
                    .isLessThan(r.quota(inst.id(), 2025).orElseThrow().totalKgce());
        }
        assertThat(r.quota("js-gov-office", 2026).orElseThrow().kgcePerM2()).isEqualTo(28.0);
    }

    @Test
    void vehiclesOfBothDrivesAcquiredIn2025And2026() {
        Map<Integer, Map<VehicleEnergy, Long>> byYear = demo.vehicles().stream().collect(Collectors.groupingBy(
                v -> v.acquired().getYear(), Collectors.groupingBy(Vehicle::energy, Collectors.counting())));
        assertThat(byYear.keySet()).containsExactlyInAnyOrder(2025, 2026);
        assertThat(byYear.values()).allSatisfy(m -> assertThat(m).containsKeys(VehicleEnergy.NEV, VehicleEnergy.ICE));
    }

    @Test
    void usersAreAnAuditorAnInstitutionUserAndTheNanjingRegionUser() {
        assertThat(demo.users()).extracting(ApiUser::role, ApiUser::institution, ApiUser::region)
                .containsExactlyInAnyOrder(
                        org.assertj.core.api.Assertions.tuple(UserRole.AUDITOR, null, null),
                        org.assertj.core.api.Assertions.tuple(UserRole.INSTITUTION, "js-gov-office", null),
                        org.assertj.core.api.Assertions.tuple(UserRole.REGION, null, "320100"));
        assertThat(demo.users()).allSatisfy(u -> assertThat(u.password()).isNotBlank());
        assertThat(demo.meters()).allSatisfy(m -> assertThat(m.secret()).isNotBlank());
        assertThat(demo.gateways()).allSatisfy(g -> assertThat(g.secret()).isNotBlank());
    }
}
