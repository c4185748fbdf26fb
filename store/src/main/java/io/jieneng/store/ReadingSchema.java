package io.jieneng.store;

import io.jieneng.devices.reading.ReadingField;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The names readings are stored under, shared by the writers here and the analytics readers. Field and column
 * names are exactly the JSON names of {@link ReadingField}; an absent field is simply not stored.
 *
 * <ul>
 *   <li>QuestDB: table {@code <prefix>readings}, {@code meter SYMBOL}, one {@code DOUBLE} column per field,
 *       designated timestamp {@code ts} (millisecond values), deduplicated on (ts, meter).</li>
 *   <li>InfluxDB: measurement {@code readings}, tag {@code meter} plus the registry tags {@code institution},
 *       {@code region}, {@code type}, {@code role}, {@code subitem} (when the meter has them), one float field
 *       per value, time at millisecond precision.</li>
 * </ul>
 *
 * <p>After each durable batch the writers add one arrival marker per meter of the batch (docs/ROLLUPS.md), which
 * the rollup job and the queries use to find what is not rolled up yet:
 * <ul>
 *   <li>QuestDB: table {@code <prefix>arrivals}: {@code meter SYMBOL}, {@code fromTs} and {@code toTs}
 *       ({@code LONG}, epoch ms: the smallest and largest reading time of the meter in the batch), designated
 *       timestamp {@code ts} = when the marker write started. No deduplication: two writers may mark the same
 *       meter in the same millisecond, and both markers must stay.</li>
 *   <li>InfluxDB: measurement {@code arrivals}, tag {@code writer}, fields {@code meter} (string), {@code fromTs}
 *       and {@code toTs} (integer); time at nanosecond precision, with a per-writer sequence below the
 *       millisecond so that no two markers share a series and time.</li>
 * </ul>
 */
public final class ReadingSchema {

    /** The QuestDB table (after the configured prefix) and the InfluxDB measurement. */
    public static final String TABLE = "readings";
    /** Same as {@link #TABLE}, under the name InfluxDB uses. */
    public static final String MEASUREMENT = TABLE;
    /** The meter id: a QuestDB SYMBOL column and an InfluxDB tag. */
    public static final String METER = "meter";
    /** QuestDB's designated timestamp column; InfluxDB calls it {@code time}. */
    public static final String TS = "ts";
    /** InfluxDB tag: the registry id of the meter's institution. */
    public static final String TAG_INSTITUTION = "institution";
    /** InfluxDB tag: the GB/T 2260 code of the institution's region. */
    public static final String TAG_REGION = "region";
    /** InfluxDB tag: the meter type, e.g. {@code electricity}. */
    public static final String TAG_TYPE = "type";
    /** InfluxDB tag: {@code main} or {@code sub}, for electricity meters only. */
    public static final String TAG_ROLE = "role";
    /** InfluxDB tag: the MOHURD sub-item code of a sub-meter, e.g. {@code 01B00}. */
    public static final String TAG_SUBITEM = "subitem";
    /** The QuestDB table (after the prefix) and the InfluxDB measurement of the arrival markers. */
    public static final String ARRIVALS = "arrivals";
    /** Marker field: the earliest reading time of the meter in the batch, epoch ms. */
    public static final String FROM_TS = "fromTs";
    /** Marker field: the latest reading time of the meter in the batch, epoch ms. */
    public static final String TO_TS = "toTs";
    /** InfluxDB marker tag: which writer wrote the marker (one value per sink instance, so low cardinality). */
    public static final String TAG_WRITER = "writer";
    /** Every InfluxDB tag, {@link #METER} first. */
    public static final List<String> TAGS = List.of(METER, TAG_INSTITUTION, TAG_REGION, TAG_TYPE, TAG_ROLE,
            TAG_SUBITEM);
    /** Every value column or field, in {@link ReadingField} order. */
    public static final List<String> FIELDS = Arrays.stream(ReadingField.values()).map(ReadingField::jsonName)
            .toList();

    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_]*");

    private ReadingSchema() {
    }

    /** The column or field name of {@code field}. */
    public static String column(ReadingField field) {
        return field.jsonName();
    }

    /**
     * {@code prefix} when it holds only letters, digits and underscores, which keeps every table name built from
     * it safe to put into SQL.
     */
    public static String checkedPrefix(String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("a table prefix may hold only letters, digits and '_': " + prefix);
        }
        return prefix;
    }
}
