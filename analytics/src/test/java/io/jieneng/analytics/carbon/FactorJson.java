package io.jieneng.analytics.carbon;

/** Builds factor files for tests: the five required non-grid factors plus the given grid entries. */
final class FactorJson {

    private FactorJson() {
    }

    static String table(String version, String gridEntries, String extraEntries) {
        StringBuilder json = new StringBuilder("{\"version\": \"" + version + "\", \"factors\": [\n");
        json.append(entry("electricity", "kgce", 0.1229, "kgce/kWh", "GB/T 2589-2020 (当量值)"));
        json.append(",\n").append(entry("naturalGas", "kgce", 1.2143, "kgce/m3", "GB/T 2589-2020"));
        json.append(",\n").append(entry("heat", "kgce", 34.12, "kgce/GJ", "GB/T 2589-2020"));
        json.append(",\n").append(entry("naturalGas", "co2", 2.1622, "kgCO2/m3", "computed"));
        json.append(",\n").append("{\"energy\": \"heat\", \"kind\": \"co2\", \"value\": 110, \"unit\": \"kgCO2/GJ\", "
                + "\"source\": \"NDRC (verify)\", \"year\": null, \"region\": null}");
        if (!gridEntries.isEmpty()) {
            json.append(",\n").append(gridEntries);
        }
        if (!extraEntries.isEmpty()) {
            json.append(",\n").append(extraEntries);
        }
        return json.append("\n]}").toString();
    }

    static String grid(String region, int year, double value) {
        return "{\"energy\": \"grid\", \"kind\": \"co2\", \"value\": " + value + ", \"unit\": \"kgCO2/kWh\", "
                + "\"source\": \"test " + year + "\", \"year\": " + year + ", \"region\": \"" + region + "\"}";
    }

    private static String entry(String energy, String kind, double value, String unit, String source) {
        return "{\"energy\": \"" + energy + "\", \"kind\": \"" + kind + "\", \"value\": " + value + ", \"unit\": \""
                + unit + "\", \"source\": \"" + source + "\", \"year\": null, \"region\": null}";
    }
}
