package io.jieneng.store.influxdb;

import io.jieneng.store.ReadingSchema;
import org.influxdb.dto.BoundParameterQuery;
import org.influxdb.dto.Query;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One InfluxQL statement and its bound parameters ({@link BoundParameterQuery}): a value is appended together
 * with its {@code $pN} placeholder and sent apart from the text, so no value is ever quoted into it. Identifiers
 * cannot be parameters in InfluxQL; they are constants of {@link ReadingSchema} and {@code RollupSchema}, quoted
 * by {@link #quote}.
 */
final class InfluxQl {

    // InfluxDB's time range is [-2^63 + 2, 2^63 - 2] ns; times are clamped into it, not overflowed.
    private static final long MIN_NANOS = Long.MIN_VALUE + 2;
    private static final long MAX_NANOS = Long.MAX_VALUE - 2;

    private final StringBuilder text;
    private final Map<String, Object> values = new LinkedHashMap<>();

    InfluxQl(String start) {
        text = new StringBuilder(start);
    }

    /** Appends InfluxQL text: keywords, quoted identifiers, operators. Never a value. */
    InfluxQl text(String influxql) {
        text.append(influxql);
        return this;
    }

    /** Appends a placeholder bound to {@code v}. */
    InfluxQl value(Object v) {
        String name = "p" + values.size();
        values.put(name, v);
        text.append('$').append(name);
        return this;
    }

    /** Appends a placeholder bound to the time {@code epochMillis}: InfluxDB compares integers as nanoseconds. */
    InfluxQl time(long epochMillis) {
        long nanos;
        if (epochMillis > MAX_NANOS / 1_000_000) {
            nanos = MAX_NANOS;
        } else if (epochMillis < MIN_NANOS / 1_000_000) {
            nanos = MIN_NANOS;
        } else {
            nanos = epochMillis * 1_000_000;
        }
        return value(nanos);
    }

    /** Appends {@code ("meter" = $a OR "meter" = $b ...)}: InfluxQL has no IN operator. */
    InfluxQl meters(Collection<String> meters) {
        text.append('(');
        String sep = "";
        for (String m : meters) {
            text.append(sep).append(quote(ReadingSchema.METER)).append(" = ");
            value(m);
            sep = " OR ";
        }
        text.append(')');
        return this;
    }

    Query toQuery(String database) {
        BoundParameterQuery.QueryBuilder q = BoundParameterQuery.QueryBuilder.newQuery(text.toString())
                .forDatabase(database);
        values.forEach(q::bind);
        return q.create();
    }

    /** A double-quoted identifier. */
    static String quote(String identifier) {
        return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Override
    public String toString() {
        return text + " " + values;
    }
}
