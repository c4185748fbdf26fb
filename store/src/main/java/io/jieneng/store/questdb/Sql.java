package io.jieneng.store.questdb;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * One SQL statement and its parameters. A value is appended together with its {@code ?}, so the parameters are
 * bound in exactly the order their placeholders appear, whatever order the statement was assembled in; no value
 * is ever spliced into the text. Only names (tables and columns built from constants and a checked prefix) are.
 */
final class Sql {

    private final StringBuilder text;
    private final List<Object> values = new ArrayList<>();

    Sql(String start) {
        text = new StringBuilder(start);
    }

    /** Appends SQL text: keywords, names, operators. Never a value. */
    Sql text(String sql) {
        text.append(sql);
        return this;
    }

    /** Appends a placeholder bound to {@code v}. */
    Sql value(long v) {
        text.append('?');
        values.add(v);
        return this;
    }

    /** Appends a placeholder bound to {@code v}. */
    Sql value(String v) {
        text.append('?');
        values.add(v);
        return this;
    }

    /** Appends {@code ?, ?, ...}, one placeholder bound to each of {@code vs}, in iteration order. */
    Sql values(Collection<String> vs) {
        String sep = "";
        for (String v : vs) {
            text.append(sep);
            value(v);
            sep = ", ";
        }
        return this;
    }

    /** A timestamp condition: QuestDB compares designated timestamps in microseconds. */
    Sql micros(long epochMillis) {
        return value(Math.multiplyExact(epochMillis, 1000L));
    }

    String text() {
        return text.toString();
    }

    void bind(PreparedStatement ps) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            Object v = values.get(i);
            if (v instanceof Long l) {
                ps.setLong(i + 1, l);
            } else {
                ps.setString(i + 1, (String) v);
            }
        }
    }

    @Override
    public String toString() {
        return text + " " + values;
    }
}
