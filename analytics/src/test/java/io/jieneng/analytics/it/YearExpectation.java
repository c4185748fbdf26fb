package io.jieneng.analytics.it;

import io.jieneng.analytics.it.YearDataset.Sample;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the API must answer for {@link YearDataset}, computed here from the generated readings with none of the
 * production code: each pair of consecutive readings of a register adds its increase (or, after a reset, the new
 * value) spread evenly over its time span, and each bucket takes the part of the span it overlaps. Irradiance is
 * integrated as straight lines between readings. Factors are the bundled defaults of docs/DOMAIN.md §3–§4.
 */
final class YearExpectation {

    static final double KGCE_PER_KWH = 0.1229;
    static final double KGCE_PER_M3_GAS = 1.2143;
    static final double KGCE_PER_GJ_HEAT = 34.12;
    static final double CO2_PER_M3_GAS = 2.1622;
    static final double CO2_PER_GJ_HEAT = 110;

    /** The institution quantities, in the order the tests use. */
    enum Q { IMPORT_KWH, EXPORT_KWH, PV_KWH, GAS_M3, WATER_M3, HEAT_GJ }

    private YearExpectation() {
    }

    /** East China grid factor for data of {@code year}: its own, else the nearest earlier, else the earliest. */
    static double gridCo2(int year) {
        return year >= 2023 ? 0.5500 : 0.5617;
    }

    /** {@code [quantity][bucket]} over the buckets [bounds[i], bounds[i + 1]). */
    static double[][] quantities(Map<String, List<Sample>> data, long[] bounds) {
        double[][] q = new double[Q.values().length][];
        q[Q.IMPORT_KWH.ordinal()] = register(data.get("yr-main"), "energyKwh", bounds);
        q[Q.EXPORT_KWH.ordinal()] = register(data.get("yr-main"), "exportKwh", bounds);
        q[Q.PV_KWH.ordinal()] = register(data.get("yr-pv"), "energyKwh", bounds);
        q[Q.GAS_M3.ordinal()] = register(data.get("yr-gas"), "volumeM3", bounds);
        q[Q.WATER_M3.ordinal()] = register(data.get("yr-water"), "volumeM3", bounds);
        q[Q.HEAT_GJ.ordinal()] = register(data.get("yr-heat"), "heatGj", bounds);
        return q;
    }

    /** The energy of one register per bucket. */
    static double[] register(List<Sample> samples, String field, long[] bounds) {
        List<Sample> rs = new ArrayList<>(samples.stream().filter(s -> s.values().containsKey(field)).toList());
        rs.sort(YearDataset.byTime());
        double[] out = new double[bounds.length - 1];
        for (int k = 1; k < rs.size(); k++) {
            long t0 = rs.get(k - 1).ts();
            long t1 = rs.get(k).ts();
            double v0 = rs.get(k - 1).values().get(field);
            double v1 = rs.get(k).values().get(field);
            double delta = v1 >= v0 ? v1 - v0 : v1;
            for (int b = 0; b < out.length; b++) {
                long overlap = Math.min(t1, bounds[b + 1]) - Math.max(t0, bounds[b]);
                if (overlap > 0) {
                    out[b] += delta * overlap / (t1 - t0);
                }
            }
        }
        return out;
    }

    /** ∫ irradiance dt over [from, to), kWh/m². */
    static double irradiation(List<Sample> pv, long from, long to) {
        double wattMillis = 0;
        for (int k = 1; k < pv.size(); k++) {
            long t0 = pv.get(k - 1).ts();
            long t1 = pv.get(k).ts();
            double g0 = pv.get(k - 1).values().get("irradianceWm2");
            double g1 = pv.get(k).values().get("irradianceWm2");
            long s = Math.max(t0, from);
            long e = Math.min(t1, to);
            if (e > s) {
                double gs = g0 + (g1 - g0) * (s - t0) / (t1 - t0);
                double ge = g0 + (g1 - g0) * (e - t0) / (t1 - t0);
                wattMillis += (e - s) * (gs + ge) / 2;
            }
        }
        return wattMillis / 3_600_000_000.0;
    }

    static double kgce(double importKwh, double gasM3, double heatGj) {
        return importKwh * KGCE_PER_KWH + gasM3 * KGCE_PER_M3_GAS + heatGj * KGCE_PER_GJ_HEAT;
    }

    static double co2(double importKwh, double gasM3, double heatGj, int year) {
        return importKwh * gridCo2(year) + gasM3 * CO2_PER_M3_GAS + heatGj * CO2_PER_GJ_HEAT;
    }

    /** Local month starts from January of {@code year} to January of the next year: 13 bounds. */
    static long[] months(int year) {
        long[] b = new long[13];
        for (int m = 0; m <= 12; m++) {
            b[m] = LocalDate.of(year, 1, 1).plusMonths(m).atStartOfDay(YearDataset.ZONE).toInstant().toEpochMilli();
        }
        return b;
    }

    /** Local day starts from {@code from} to {@code to} inclusive. */
    static long[] days(LocalDate from, LocalDate to) {
        List<Long> b = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            b.add(d.atStartOfDay(YearDataset.ZONE).toInstant().toEpochMilli());
        }
        return b.stream().mapToLong(Long::longValue).toArray();
    }

    /** Local hour starts from {@code from} to {@code to} inclusive (Shanghai has no DST). */
    static long[] hours(LocalDateTime from, LocalDateTime to) {
        List<Long> b = new ArrayList<>();
        for (LocalDateTime h = from; !h.isAfter(to); h = h.plusHours(1)) {
            b.add(h.atZone(YearDataset.ZONE).toInstant().toEpochMilli());
        }
        return b.stream().mapToLong(Long::longValue).toArray();
    }

    static double sum(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s;
    }
}
