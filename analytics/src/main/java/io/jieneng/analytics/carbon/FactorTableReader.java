package io.jieneng.analytics.carbon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jieneng.analytics.carbon.Factor.Energy;
import io.jieneng.analytics.carbon.Factor.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses and checks a factor file entry by entry. A wrong unit is refused rather than converted, because a table
 * in kgce/MWh read as kgce/kWh would silently scale every figure by a thousand.
 */
final class FactorTableReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> ROOT_FIELDS = Set.of("version", "description", "factors");
    private static final Set<String> ENTRY_FIELDS =
            Set.of("energy", "kind", "value", "unit", "source", "year", "region", "note");

    record Parsed(String version, List<Factor> factors) {
    }

    private FactorTableReader() {
    }

    static Parsed read(InputStream in, String origin) {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (IOException e) {
            throw new FactorTableException("factor table " + origin + " is not valid JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new FactorTableException("factor table " + origin + " must be a JSON object");
        }
        checkFields(root, ROOT_FIELDS, origin);
        JsonNode version = root.get("version");
        if (version == null || !version.isTextual() || version.asText().isBlank()) {
            throw new FactorTableException("factor table " + origin + " needs a non-empty string \"version\"");
        }
        JsonNode entries = root.get("factors");
        if (entries == null || !entries.isArray() || entries.isEmpty()) {
            throw new FactorTableException("factor table " + origin + " needs a non-empty array \"factors\"");
        }
        List<Factor> factors = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            factors.add(entry(entries.get(i), origin + " factors[" + i + "]"));
        }
        return new Parsed(version.asText().trim(), List.copyOf(factors));
    }

    private static Factor entry(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new FactorTableException(where + " must be an object");
        }
        checkFields(node, ENTRY_FIELDS, where);
        String energyName = text(node, "energy", where, true);
        Energy energy = Energy.fromJsonName(energyName).orElseThrow(() -> new FactorTableException(
                where + ": unknown energy \"" + energyName + "\" (electricity, naturalGas, heat, gasoline, diesel, "
                        + "grid)"));
        String kindName = text(node, "kind", where, true);
        Kind kind = Kind.fromJsonName(kindName).orElseThrow(() -> new FactorTableException(
                where + ": unknown kind \"" + kindName + "\" (kgce, co2)"));
        String expectedUnit = expectedUnit(energy, kind, where);
        JsonNode valueNode = node.get("value");
        if (valueNode == null || !valueNode.isNumber()) {
            throw new FactorTableException(where + " (" + energyName + " " + kindName
                    + "): \"value\" must be a number");
        }
        double value = valueNode.asDouble();
        if (!Double.isFinite(value) || value <= 0) {
            throw new FactorTableException(where + " (" + energyName + " " + kindName
                    + "): value must be finite and positive, got " + valueNode);
        }
        String unit = text(node, "unit", where, true);
        if (!normalizeUnit(unit).equals(normalizeUnit(expectedUnit))) {
            throw new FactorTableException(where + " (" + energyName + " " + kindName + "): unit must be "
                    + expectedUnit + ", got " + unit);
        }
        String source = text(node, "source", where, true);
        Integer year = year(node, where);
        String region = text(node, "region", where, false);
        if (energy == Energy.GRID) {
            if (region == null) {
                throw new FactorTableException(where + " (grid): \"region\" is required for a grid factor");
            }
            if (year == null) {
                throw new FactorTableException(where + " (grid " + region
                        + "): \"year\" is required for a grid factor");
            }
            region = normalizeRegion(region);
        } else if (region != null) {
            throw new FactorTableException(where + " (" + energyName + "): only grid factors have a region");
        }
        return new Factor(energy, kind, value, unit, source, year, region);
    }

    private static String expectedUnit(Energy energy, Kind kind, String where) {
        String unit = switch (kind) {
            case KGCE -> switch (energy) {
                case ELECTRICITY -> "kgce/kWh";
                case NATURAL_GAS -> "kgce/m3";
                case HEAT -> "kgce/GJ";
                case GASOLINE, DIESEL -> "kgce/kg";
                case GRID -> null;
            };
            case CO2 -> switch (energy) {
                case GRID -> "kgCO2/kWh";
                case NATURAL_GAS -> "kgCO2/m3";
                case HEAT -> "kgCO2/GJ";
                case GASOLINE, DIESEL -> "kgCO2/kg";
                case ELECTRICITY -> null;
            };
        };
        if (unit == null) {
            throw new FactorTableException(where + ": " + energy.jsonName() + " has no " + kind.jsonName()
                    + " factor (kgce of purchased electricity is \"electricity\", its CO2 is \"grid\")");
        }
        return unit;
    }

    private static String text(JsonNode node, String field, String where, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new FactorTableException(where + ": \"" + field + "\" is required");
            }
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw new FactorTableException(where + ": \"" + field + "\" must be a non-empty string");
        }
        return value.asText().trim();
    }

    private static Integer year(JsonNode node, String where) {
        JsonNode value = node.get("year");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.asInt() < 1900 || value.asInt() > 2200) {
            throw new FactorTableException(where + ": \"year\" must be a year such as 2023 or null, got " + value);
        }
        return value.asInt();
    }

    private static void checkFields(JsonNode node, Set<String> allowed, String where) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new FactorTableException(where + ": unknown field \"" + name + "\" (allowed: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    /** Spellings of the same unit compare equal: m³ and m3, CO₂ and CO2, any case. */
    static String normalizeUnit(String unit) {
        return unit.replace("³", "3").replace("₂", "2").replace(" ", "").toLowerCase(Locale.ROOT);
    }

    static String normalizeRegion(String region) {
        return region.trim().toLowerCase(Locale.ROOT);
    }
}
