package io.jieneng.analytics.it;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-computed week behind {@link AuditReportIT} ({@code report-registry.json}, Asia/Shanghai): hourly
 * readings from Monday 2025-03-03 00:00 to Monday 2025-03-10 00:00, each hour at a constant load (kW).
 *
 * <pre>
 *                   working (09-17)  boundary (08, 17)  after hours and weekend
 * 01A00 au-light          8                5                  3
 * 01B00 au-hvac          12                6                  3
 * 01C00 au-power          5                3                  2
 * data centre total       5                5                  5     (au-dc-total, coded 01D10 by mistake)
 * of which IT (01D10)     3                3                  3     PUE 5 / 3
 * unmetered               1                1                  1
 * building load          31               20                 14
 * </pre>
 * The PV array makes 25 kW on Saturday 03-08 10:00-14:00 against a 14 kW load, so 11 kWh an hour is exported.
 * Week: load 5 × (8 × 31 + 2 × 20 + 14 × 14) + 48 × 14 = 3092 kWh; PV 100, export 44, import 3092 − 56 = 3036.
 * Sub-items: lighting 724, HVAC 894, power 466, machine room 840 (IT 504 nested), unmetered 168 kWh.
 * The main meter also read 0 on 2024-01-01 and 2000 on 2025-01-01 (2024: 2000 kWh) and 2000 on 2025-03-03.
 * Gas 100 → 150 m³, water 0 → 30 m³, heat 10 → 12 GJ over the week.
 */
final class AuditWeek {

    static final LocalDateTime START = LocalDateTime.of(2025, 3, 3, 0, 0);
    static final int HOURS = 7 * 24;

    static final double IMPORT_KWH = 3036;
    static final double EXPORT_KWH = 44;
    static final double PV_KWH = 100;
    static final double LOAD_KWH = 3092;
    static final double GAS_M3 = 50;
    static final double WATER_M3 = 30;
    static final double HEAT_GJ = 2;
    static final double KGCE = IMPORT_KWH * 0.1229 + GAS_M3 * 1.2143 + HEAT_GJ * 34.12;
    static final double PREVIOUS_KGCE = 2000 * 0.1229;
    static final double CO2_KG = IMPORT_KWH * 0.55 + GAS_M3 * 2.1622 + HEAT_GJ * 110;

    private AuditWeek() {
    }

    /** The class of an hour: 0 working, 1 boundary, 2 after hours. */
    static int kind(LocalDateTime hour) {
        if (hour.getDayOfWeek() == DayOfWeek.SATURDAY || hour.getDayOfWeek() == DayOfWeek.SUNDAY) {
            return 2;
        }
        int h = hour.getHour();
        return h >= 9 && h < 17 ? 0 : h == 8 || h == 17 ? 1 : 2;
    }

    static double pvKw(LocalDateTime hour) {
        return hour.toLocalDate().equals(START.toLocalDate().plusDays(5)) && hour.getHour() >= 10
                && hour.getHour() < 14 ? 25 : 0;
    }

    /** The load of each channel in an hour, kW. */
    static Map<String, Double> loads(LocalDateTime hour) {
        int k = kind(hour);
        Map<String, Double> kw = new LinkedHashMap<>();
        kw.put("au-light", new double[] {8, 5, 3}[k]);
        kw.put("au-hvac", new double[] {12, 6, 3}[k]);
        kw.put("au-power", new double[] {5, 3, 2}[k]);
        kw.put("au-dc-total", 5.0);
        kw.put("au-dc-it", 3.0);
        return kw;
    }

    static double buildingKw(LocalDateTime hour) {
        Map<String, Double> kw = loads(hour);
        return kw.get("au-light") + kw.get("au-hvac") + kw.get("au-power") + kw.get("au-dc-total") + 1.0;
    }

    /** One JSON array per meter, in time order; each fits in a message. */
    static Map<String, String> payloads() {
        Map<String, List<String>> readings = new LinkedHashMap<>();
        Map<String, Double> registers = new LinkedHashMap<>();
        double imp = 2000;
        double exp = 0;
        double pv = 0;
        List<String> main = new ArrayList<>(List.of(Meters.reading("2024-01-01T00:00+08:00", "energyKwh", 0.0,
                "exportKwh", 0.0), Meters.reading("2025-01-01T00:00+08:00", "energyKwh", 2000.0, "exportKwh", 0.0)));
        List<String> pvs = new ArrayList<>();
        for (int h = 0; h <= HOURS; h++) {
            LocalDateTime t = START.plusHours(h);
            String ts = t + "+08:00";
            if (h > 0) {
                LocalDateTime hour = t.minusHours(1);
                double load = buildingKw(hour);
                double gen = pvKw(hour);
                imp += Math.max(0, load - gen);
                exp += Math.max(0, gen - load);
                pv += gen;
                loads(hour).forEach((meter, kw) -> registers.merge(meter, kw, Double::sum));
            }
            main.add(Meters.reading(ts, "energyKwh", imp, "exportKwh", exp));
            pvs.add(Meters.reading(ts, "energyKwh", pv));
            for (String meter : List.of("au-light", "au-hvac", "au-power", "au-dc-total", "au-dc-it")) {
                readings.computeIfAbsent(meter, k -> new ArrayList<>())
                        .add(Meters.reading(ts, "energyKwh", registers.getOrDefault(meter, 0.0)));
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("au-main", array(main));
        out.put("au-pv", array(pvs));
        readings.forEach((meter, list) -> out.put(meter, array(list)));
        out.put("au-gas", array(List.of(Meters.reading("2025-03-03T00:00+08:00", "volumeM3", 100.0),
                Meters.reading("2025-03-10T00:00+08:00", "volumeM3", 150.0))));
        out.put("au-water", array(List.of(Meters.reading("2025-03-03T00:00+08:00", "volumeM3", 0.0),
                Meters.reading("2025-03-10T00:00+08:00", "volumeM3", 30.0))));
        out.put("au-heat", array(List.of(Meters.reading("2025-03-03T00:00+08:00", "heatGj", 10.0),
                Meters.reading("2025-03-10T00:00+08:00", "heatGj", 12.0))));
        return out;
    }

    private static String array(List<String> readings) {
        return "[" + String.join(",", readings) + "]";
    }
}
