package io.jieneng.store;

import java.util.Map;
import java.util.Objects;

/**
 * One stored rollup: what one meter contributed to one local hour or day.
 *
 * @param meter           the meter id
 * @param startMillis     the bucket's start (a local hour or local midnight), epoch ms
 * @param values          per column of {@link RollupSchema#VALUE_COLUMNS}, the bucket's value in the register's
 *                        unit (kWh, m³, GJ); a register the meter does not have is absent
 * @param readings        distinct reading timestamps received in the bucket
 * @param estimated       true when a gap was spread into the bucket
 * @param computedAtMillis when the row was computed, epoch ms
 */
public record RollupRow(String meter, long startMillis, Map<String, Double> values, int readings, boolean estimated,
                        long computedAtMillis) {

    public RollupRow {
        Objects.requireNonNull(meter, "meter");
        values = Map.copyOf(values);
    }
}
