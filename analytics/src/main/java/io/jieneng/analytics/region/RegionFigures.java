package io.jieneng.analytics.region;

import io.jieneng.analytics.carbon.FactorTable;
import io.jieneng.analytics.quota.EnergyTotals;
import io.jieneng.analytics.quota.QuotaStatus;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.VehicleEnergy;

/** Sums the figures of a region's institutions while a summary is built. */
final class RegionFigures {

    /** complianceRate at or above this meets the conservation target (docs/DOMAIN.md §6). */
    static final double CONSERVATION_TARGET = 0.75;
    /** The NEV share the programme asks for (docs/DOMAIN.md §6). */
    static final double NEV_TARGET = 0.30;

    private final FactorTable factors;
    private int institutions;
    private EnergyTotals totals = EnergyTotals.ZERO;
    private double kgceWithOccupants;
    private double occupants;
    private double kgceWithArea;
    private double areaM2;
    private final int[] statuses = new int[QuotaStatus.values().length];
    private int unassessed;
    private int withQuota;
    private int nev;
    private int vehicles;

    RegionFigures(FactorTable factors) {
        this.factors = factors;
    }

    /**
     * @param hasQuota true when the institution has a quota for the year
     * @param status   the worst status of its indicators, null when none could be computed
     */
    void addInstitution(Institution institution, EnergyTotals t, boolean hasQuota, QuotaStatus status) {
        institutions++;
        totals = totals.plus(t);
        double kgce = t.kgce(factors);
        if (institution.occupants() != null && institution.occupants() > 0) {
            kgceWithOccupants += kgce;
            occupants += institution.occupants();
        }
        if (institution.floorAreaM2() != null && institution.floorAreaM2() > 0) {
            kgceWithArea += kgce;
            areaM2 += institution.floorAreaM2();
        }
        if (hasQuota) {
            withQuota++;
            if (status == null) {
                unassessed++;
            } else {
                statuses[status.ordinal()]++;
            }
        }
    }

    void addVehicle(VehicleEnergy energy) {
        vehicles++;
        if (energy == VehicleEnergy.NEV) {
            nev++;
        }
    }

    int institutions() {
        return institutions;
    }

    RegionTotals totals(String gridRegion, int year) {
        return RegionTotals.of(totals, factors, gridRegion, year);
    }

    Double kgcePerCapita() {
        return occupants > 0 ? kgceWithOccupants / occupants : null;
    }

    Double kgcePerM2() {
        return areaM2 > 0 ? kgceWithArea / areaM2 : null;
    }

    QuotaCompliance compliance() {
        int ok = statuses[QuotaStatus.OK.ordinal()];
        int warning = statuses[QuotaStatus.WARNING.ordinal()];
        return new QuotaCompliance(ok, warning, statuses[QuotaStatus.AT_RISK.ordinal()],
                statuses[QuotaStatus.EXCEEDED.ordinal()], unassessed, withQuota,
                withQuota > 0 ? (ok + warning) / (double) withQuota : null);
    }

    Boolean conservationTargetMet() {
        Double rate = compliance().complianceRate();
        return rate == null ? null : rate >= CONSERVATION_TARGET;
    }

    Double nevShare() {
        return vehicles > 0 ? nev / (double) vehicles : null;
    }

    VehicleCount vehicles() {
        return new VehicleCount(nev, vehicles);
    }

    RegionRow row(String code, String name, String level, String gridRegion, int year) {
        return new RegionRow(code, name, level, institutions, totals(gridRegion, year), kgcePerCapita(),
                kgcePerM2(), compliance(), conservationTargetMet(), nevShare(), vehicles());
    }
}
