package io.jieneng.analytics.rollup;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.store.Arrival;
import io.jieneng.store.ReadingReader;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Readings in memory, one per (meter, ts) like QuestDB's upsert: for unit tests of the rollup logic, whose
 * integration tests run on the real stores.
 */
final class MemoryReadingStore implements ReadingReader {

    private final Map<String, NavigableMap<Long, Reading>> byMeter = new HashMap<>();

    void write(List<Reading> batch) {
        batch.forEach(r -> byMeter.computeIfAbsent(r.meterId(), k -> new TreeMap<>()).put(r.tsMillis(), r));
    }

    List<Arrival> ranges() {
        List<Arrival> out = new ArrayList<>();
        byMeter.forEach((m, rs) -> {
            if (!rs.isEmpty()) {
                out.add(new Arrival(m, rs.firstKey(), rs.lastKey()));
            }
        });
        return out;
    }

    @Override
    public List<Reading> scan(Collection<String> meterIds, long fromMillis, long toMillis) {
        List<Reading> out = new ArrayList<>();
        for (String m : meterIds) {
            NavigableMap<Long, Reading> rs = byMeter.get(m);
            if (rs != null && fromMillis < toMillis) {
                out.addAll(rs.subMap(fromMillis, true, toMillis, false).values());
            }
        }
        return out;
    }

    @Override
    public Map<String, Reading> latestBefore(Collection<String> meterIds, ReadingField register, long tsMillis) {
        Map<String, Reading> out = new HashMap<>();
        for (String m : meterIds) {
            NavigableMap<Long, Reading> rs = byMeter.getOrDefault(m, new TreeMap<>()).headMap(tsMillis, false);
            rs.descendingMap().values().stream().filter(r -> r.get(register) != null).findFirst()
                    .ifPresent(r -> out.put(m, r));
        }
        return out;
    }

    @Override
    public Map<String, Reading> earliestFrom(Collection<String> meterIds, ReadingField register, long tsMillis) {
        Map<String, Reading> out = new HashMap<>();
        for (String m : meterIds) {
            NavigableMap<Long, Reading> rs = byMeter.getOrDefault(m, new TreeMap<>()).tailMap(tsMillis, true);
            rs.values().stream().filter(r -> r.get(register) != null).findFirst().ifPresent(r -> out.put(m, r));
        }
        return out;
    }

    @Override
    public boolean isReachable() {
        return true;
    }
}
