package io.jieneng.store;

import java.util.Map;
import java.util.Objects;

/**
 * The sum of one meter's daily rollup rows over a range, computed in the store.
 *
 * @param meter    the meter id
 * @param values   per column of {@link RollupSchema#VALUE_COLUMNS} the meter has rows for, the sum of the rows'
 *                 values (kWh, m³, GJ)
 * @param readings the sum of the rows' {@code readings}: distinct readings received in the range
 */
public record RollupSum(String meter, Map<String, Double> values, long readings) {

    public RollupSum {
        Objects.requireNonNull(meter, "meter");
        values = Map.copyOf(values);
    }
}
