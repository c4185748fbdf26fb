package io.jieneng.store.questdb;

import com.fasterxml.jackson.databind.JsonNode;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.store.MeterChunks;
import io.jieneng.store.ReadingSchema;
import io.jieneng.store.StoreRefusedException;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Gives QuestDB InfluxDB's answer to a second write of one (meter, ts): the fields merge, each field keeping its
 * newest value, and a field the second write does not carry keeps the first one's value. QuestDB's
 * {@code DEDUP UPSERT KEYS(ts, meter)} replaces the whole row instead, nulling what the second write lacks, so the
 * readings are merged here before they are sent (docs/STORES.md):
 * <ul>
 *   <li>two readings of one (meter, ts) in one batch become one;</li>
 *   <li>a reading no newer than the newest ts this table holds for its meter may meet a stored row: the rows of
 *       such readings are read back (after QuestDB applied every committed write, so a write of a moment ago is
 *       seen) and merged under the new values. Live readings are newer and cost nothing; resends and backfills
 *       cost one query per batch.</li>
 * </ul>
 * The store's sinks write readings one at a time through here, so a merge never races another writer of this
 * process. One instance per store; it learns each meter's newest ts once, at the first write.
 */
final class QuestDbUpserts {

    /** The registry's id syntax: such an id is safe inside a quoted SQL literal. */
    private static final Pattern SAFE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    // Bounds the URL of one /exec query.
    private static final int METERS_PER_QUERY = 200;

    private record Key(String meter, long ts) {
        static Key of(Reading r) {
            return new Key(r.meterId(), r.tsMillis());
        }
    }

    private final QuestDb questdb;
    private final Map<String, Long> newest = new HashMap<>();
    private boolean loaded;

    QuestDbUpserts(QuestDb questdb) {
        this.questdb = questdb;
    }

    /** Merges {@code batch} as described above and hands the result to {@code send}, one batch at a time. */
    synchronized void write(List<Reading> batch, Consumer<List<Reading>> send) {
        List<Reading> merged = mergeWithin(batch);
        if (!loaded) {
            questdb.awaitApplied(questdb.tables.readings);
            loadNewest();
            loaded = true;
        }
        List<Reading> maybeStored = merged.stream()
                .filter(r -> r.tsMillis() <= newest.getOrDefault(r.meterId(), Long.MIN_VALUE)).toList();
        if (!maybeStored.isEmpty()) {
            questdb.awaitApplied(questdb.tables.readings);
            Map<Key, Reading> stored = stored(maybeStored);
            merged = merged.stream().map(r -> {
                Reading before = stored.get(Key.of(r));
                return before == null ? r : combine(before, r);
            }).toList();
        }
        // Raised before sending: should the send fail after QuestDB committed it, the next write still looks.
        merged.forEach(r -> newest.merge(r.meterId(), r.tsMillis(), Math::max));
        send.accept(merged);
    }

    /** One reading per (meter, ts), in order of first appearance, later values over earlier ones. */
    static List<Reading> mergeWithin(List<Reading> batch) {
        Map<Key, Reading> out = new LinkedHashMap<>();
        for (Reading r : batch) {
            out.merge(Key.of(r), r, QuestDbUpserts::combine);
        }
        return out.size() == batch.size() ? batch : new ArrayList<>(out.values());
    }

    /** {@code earlier}'s fields, overwritten by every field {@code later} carries. */
    static Reading combine(Reading earlier, Reading later) {
        Map<ReadingField, Double> values = new EnumMap<>(ReadingField.class);
        values.putAll(earlier.values());
        values.putAll(later.values());
        return Reading.of(later.meterId(), later.tsMillis(), values);
    }

    private void loadNewest() {
        String t = questdb.tables.readings;
        JsonNode rows = questdb.exec("SELECT " + ReadingSchema.METER + ", cast(" + ReadingSchema.TS + " as long) FROM "
                + t + " LATEST ON " + ReadingSchema.TS + " PARTITION BY " + ReadingSchema.METER);
        for (JsonNode row : rows) {
            newest.put(row.get(0).asText(), row.get(1).asLong() / 1000);
        }
    }

    /** The stored rows of {@code readings}' keys. */
    private Map<Key, Reading> stored(List<Reading> readings) {
        Map<String, List<Reading>> byMeter = new LinkedHashMap<>();
        for (Reading r : readings) {
            if (!SAFE_ID.matcher(r.meterId()).matches()) {
                throw new StoreRefusedException("meter id " + r.meterId() + " is not a registry id", null);
            }
            byMeter.computeIfAbsent(r.meterId(), k -> new ArrayList<>()).add(r);
        }
        Map<Key, Reading> out = new HashMap<>();
        for (List<String> chunk : MeterChunks.of(byMeter.keySet(), METERS_PER_QUERY)) {
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            for (String m : chunk) {
                for (Reading r : byMeter.get(m)) {
                    from = Math.min(from, r.tsMillis());
                    to = Math.max(to, r.tsMillis());
                }
            }
            StringBuilder sql = new StringBuilder("SELECT ").append(ReadingSchema.METER).append(", cast(")
                    .append(ReadingSchema.TS).append(" as long)");
            for (ReadingField f : ReadingField.values()) {
                sql.append(", ").append(ReadingSchema.column(f));
            }
            // Numbers and checked ids only: /exec binds no parameters.
            sql.append(" FROM ").append(questdb.tables.readings).append(" WHERE ").append(ReadingSchema.TS)
                    .append(" BETWEEN cast(").append(Math.multiplyExact(from, 1000L)).append(" as timestamp) AND cast(")
                    .append(Math.multiplyExact(to, 1000L)).append(" as timestamp) AND ").append(ReadingSchema.METER)
                    .append(" IN ('").append(String.join("', '", chunk)).append("')");
            for (JsonNode row : questdb.exec(sql.toString())) {
                Map<ReadingField, Double> values = new EnumMap<>(ReadingField.class);
                ReadingField[] fields = ReadingField.values();
                for (int i = 0; i < fields.length; i++) {
                    JsonNode v = row.get(2 + i);
                    if (v != null && v.isNumber()) {
                        values.put(fields[i], v.asDouble());
                    }
                }
                Reading r = Reading.of(row.get(0).asText(), row.get(1).asLong() / 1000, values);
                out.put(Key.of(r), r);
            }
        }
        return out;
    }
}
