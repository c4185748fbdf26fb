package io.jieneng.analytics.carbon;

import io.jieneng.analytics.carbon.Factor.Energy;
import io.jieneng.analytics.carbon.Factor.Kind;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A versioned table of conversion factors (kgce, GB/T 2589-2020) and emission factors (CO₂), loaded once from JSON
 * and immutable. The default is {@code factors/default.json} on the classpath (docs/DOMAIN.md §3–§4); a deployment may
 * point at its own file. Loading refuses an incomplete or inconsistent table with a message that names the file
 * and the entry, so a bad table stops the service instead of skewing figures.
 */
public final class FactorTable {

    /** Classpath location of the shipped defaults. */
    public static final String DEFAULT_RESOURCE = "factors/default.json";

    private final String version;
    private final String origin;
    private final List<Factor> factors;
    private final Map<Energy, Factor> kgce;
    private final Map<Energy, Factor> co2;
    /** Grid CO₂ factors by region, then by year. */
    private final Map<String, NavigableMap<Integer, Factor>> grid;

    private FactorTable(String version, String origin, List<Factor> factors) {
        this.version = version;
        this.origin = origin;
        this.factors = factors;
        Map<Energy, Factor> kgceByEnergy = new EnumMap<>(Energy.class);
        Map<Energy, Factor> co2ByEnergy = new EnumMap<>(Energy.class);
        Map<String, NavigableMap<Integer, Factor>> gridByRegion = new TreeMap<>();
        for (Factor f : factors) {
            Factor previous;
            if (f.energy() == Energy.GRID) {
                previous = gridByRegion.computeIfAbsent(f.region(), r -> new TreeMap<>()).put(f.year(), f);
            } else {
                previous = (f.kind() == Kind.KGCE ? kgceByEnergy : co2ByEnergy).put(f.energy(), f);
            }
            if (previous != null) {
                throw new FactorTableException("factor table " + origin + " has two " + describe(f) + " factors");
            }
        }
        require(kgceByEnergy, Energy.ELECTRICITY, "electricity kgce");
        require(kgceByEnergy, Energy.NATURAL_GAS, "naturalGas kgce");
        require(kgceByEnergy, Energy.HEAT, "heat kgce");
        require(co2ByEnergy, Energy.NATURAL_GAS, "naturalGas co2");
        require(co2ByEnergy, Energy.HEAT, "heat co2");
        if (gridByRegion.isEmpty()) {
            throw new FactorTableException("factor table " + origin + " has no grid co2 factor");
        }
        this.kgce = Collections.unmodifiableMap(kgceByEnergy);
        this.co2 = Collections.unmodifiableMap(co2ByEnergy);
        gridByRegion.replaceAll((region, byYear) -> Collections.unmodifiableNavigableMap(byYear));
        this.grid = Collections.unmodifiableMap(gridByRegion);
    }

    /**
     * Loads the table from {@code path}, or the shipped defaults when empty.
     *
     * @throws FactorTableException when the file is missing, unreadable, or not a complete valid table
     */
    public static FactorTable load(Optional<Path> path) {
        if (path.isPresent()) {
            Path file = path.get();
            try (InputStream in = Files.newInputStream(file)) {
                return read(in, file.toString());
            } catch (IOException e) {
                throw new FactorTableException("cannot read factor table " + file + ": " + e, e);
            }
        }
        String origin = "classpath:" + DEFAULT_RESOURCE;
        try (InputStream in = FactorTable.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new FactorTableException("factor table " + origin + " is missing from the classpath");
            }
            return read(in, origin);
        } catch (IOException e) {
            throw new FactorTableException("cannot read factor table " + origin + ": " + e, e);
        }
    }

    /**
     * Reads a table from JSON; {@code origin} names it in error messages.
     *
     * @throws FactorTableException when it is not a complete valid table
     */
    public static FactorTable read(InputStream json, String origin) {
        FactorTableReader.Parsed parsed = FactorTableReader.read(json, origin);
        return new FactorTable(parsed.version(), origin, parsed.factors());
    }

    /** The table's version string, reported with every figure computed from it. */
    public String version() {
        return version;
    }

    /** Where the table came from: a file path or {@code classpath:factors/default.json}. */
    public String origin() {
        return origin;
    }

    /** Every factor in file order. */
    public List<Factor> factors() {
        return factors;
    }

    /** Purchased electricity, kgce/kWh (当量值). */
    public Factor kgcePerKwh() {
        return kgce.get(Energy.ELECTRICITY);
    }

    /** Natural gas, kgce/m³. */
    public Factor kgcePerM3Gas() {
        return kgce.get(Energy.NATURAL_GAS);
    }

    /** Purchased heat, kgce/GJ. */
    public Factor kgcePerGjHeat() {
        return kgce.get(Energy.HEAT);
    }

    /** Gasoline or diesel, kgce/kg, when the table has it. */
    public Optional<Factor> kgcePerKgFuel(Energy fuel) {
        if (fuel != Energy.GASOLINE && fuel != Energy.DIESEL) {
            throw new IllegalArgumentException("not a liquid fuel: " + fuel.jsonName());
        }
        return Optional.ofNullable(kgce.get(fuel));
    }

    /** Natural gas combustion, kgCO₂/m³ (scope 1). */
    public Factor gasCo2PerM3() {
        return co2.get(Energy.NATURAL_GAS);
    }

    /** Purchased heat, kgCO₂/GJ (scope 2). */
    public Factor heatCo2PerGj() {
        return co2.get(Energy.HEAT);
    }

    /** The grid regions the table knows, e.g. {@code east-china}, {@code national}. */
    public Set<String> gridRegions() {
        return grid.keySet();
    }

    /**
     * The grid emission factor (kgCO₂/kWh) of {@code region} for data of {@code year}: that year's factor, else the
     * nearest earlier year's, else the earliest (DOMAIN §4). The returned factor's {@code year} says which was used.
     *
     * @throws IllegalArgumentException for a region the table does not have
     */
    public Factor gridCo2(String region, int year) {
        Objects.requireNonNull(region, "region");
        NavigableMap<Integer, Factor> byYear = grid.get(FactorTableReader.normalizeRegion(region));
        if (byYear == null) {
            throw new IllegalArgumentException("factor table " + origin + " (version " + version
                    + ") has no grid factor for region \"" + region + "\"; regions: " + grid.keySet());
        }
        Map.Entry<Integer, Factor> atOrBefore = byYear.floorEntry(year);
        return atOrBefore != null ? atOrBefore.getValue() : byYear.firstEntry().getValue();
    }

    private void require(Map<Energy, Factor> byEnergy, Energy energy, String what) {
        if (!byEnergy.containsKey(energy)) {
            throw new FactorTableException("factor table " + origin + " has no " + what + " factor");
        }
    }

    private static String describe(Factor f) {
        return f.energy() == Energy.GRID
                ? "grid co2 (region " + f.region() + ", year " + f.year() + ")"
                : f.energy().jsonName() + " " + f.kind().jsonName();
    }

    @Override
    public String toString() {
        return "FactorTable[" + version + " from " + origin + ", " + factors.size() + " factors]";
    }
}
