package io.jieneng.analytics.carbon;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.Optional;

/**
 * One conversion or emission factor with its provenance, as reported next to every figure that used it.
 *
 * @param energy what is converted
 * @param kind   {@code kgce} (comprehensive energy, GB/T 2589) or {@code co2} (emissions)
 * @param value  the factor, finite and positive, in {@code unit}
 * @param unit   e.g. {@code kgce/kWh}, {@code kgCO2/m³}
 * @param source the standard or publication, e.g. {@code GB/T 2589-2020 (当量值)}; "(verify)" marks a value not
 *               confirmed against the standard's own text
 * @param year   the data year the factor describes, or {@code null} when it does not depend on the year
 * @param region the grid region of a {@code grid} factor ({@code east-china}, {@code national}, ...), else null
 */
public record Factor(Energy energy, Kind kind, double value, String unit, String source, Integer year,
                     String region) {

    public Factor {
        Objects.requireNonNull(energy, "energy");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(source, "source");
        if (!Double.isFinite(value) || value <= 0) {
            throw new IllegalArgumentException("factor value must be finite and positive: " + value);
        }
    }

    /** What a factor converts. {@code grid} is purchased electricity for emissions (location-based). */
    public enum Energy {
        ELECTRICITY("electricity"),
        NATURAL_GAS("naturalGas"),
        HEAT("heat"),
        GASOLINE("gasoline"),
        DIESEL("diesel"),
        GRID("grid");

        private final String jsonName;

        Energy(String jsonName) {
            this.jsonName = jsonName;
        }

        @JsonValue
        public String jsonName() {
            return jsonName;
        }

        public static Optional<Energy> fromJsonName(String name) {
            for (Energy e : values()) {
                if (e.jsonName.equals(name)) {
                    return Optional.of(e);
                }
            }
            return Optional.empty();
        }
    }

    /** The quantity a factor yields: kilograms of coal equivalent or kilograms of CO₂. */
    public enum Kind {
        KGCE("kgce"),
        CO2("co2");

        private final String jsonName;

        Kind(String jsonName) {
            this.jsonName = jsonName;
        }

        @JsonValue
        public String jsonName() {
            return jsonName;
        }

        public static Optional<Kind> fromJsonName(String name) {
            for (Kind k : values()) {
                if (k.jsonName.equals(name)) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }
}
