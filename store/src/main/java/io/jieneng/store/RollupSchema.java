package io.jieneng.store;

import io.jieneng.devices.reading.ReadingField;

import java.util.Arrays;
import java.util.List;

/**
 * The names rollups are stored under (docs/ROLLUPS.md), in QuestDB tables and InfluxDB measurements alike:
 * {@code energy_hourly} and {@code energy_daily}, one row per meter and local hour or day, with a column per
 * additive per-bucket value, the distinct readings received, whether a gap was spread into the bucket, and when
 * the row was computed.
 *
 * <p>To roll up another per-bucket value, add its column to {@link #VALUE_COLUMNS} and fill and read it in
 * the rollup job's {@code RollupRows} (analytics); both stores write and read every column of that list. Values
 * must add up over time: a day's value is the sum of its hours, a month's the sum of its days.
 */
public final class RollupSchema {

    /** The hourly table's name; {@link RollupTable} is how code picks a table. */
    public static final String HOURLY = RollupTable.HOURLY.storedName();
    /** The daily table's name. */
    public static final String DAILY = RollupTable.DAILY.storedName();
    /** The registers the energy engine turns into interval energy, in {@link ReadingField} order. */
    public static final List<ReadingField> REGISTERS = Arrays.stream(ReadingField.values())
            .filter(ReadingField::isRegister).toList();
    /** The additive value columns: one per register, named like it (energy in kWh, volume in m³, heat in GJ). */
    public static final List<String> VALUE_COLUMNS = REGISTERS.stream().map(ReadingField::jsonName).toList();
    /** Distinct reading timestamps received in the bucket (completeness, docs/DOMAIN.md §1.6). */
    public static final String READINGS = "readings";
    /** True when a gap between two readings was spread into the bucket. */
    public static final String ESTIMATED = "estimated";
    /**
     * When the row was computed, epoch ms. InfluxDB keeps rows of the same meter and time apart when the meter's
     * registry tags changed between two writes; the reader keeps the most recently computed one.
     */
    public static final String COMPUTED_AT = "computedAt";

    private RollupSchema() {
    }
}
