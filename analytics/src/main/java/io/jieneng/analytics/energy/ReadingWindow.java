package io.jieneng.analytics.energy;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.store.ReadingReader;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fetches what exact apportioning over [from, to) needs: every reading in the range, plus, per meter and
 * register, the last reading before the range and the first after it, because the intervals that straddle the
 * range's edges contribute part of their energy (docs/DOMAIN.md §1.3). One scan with a margin on both sides finds
 * the edge readings of meters that report regularly; targeted look-ups find the rest.
 */
public final class ReadingWindow {

    private ReadingWindow() {
    }

    /**
     * @param registers the registers to complete at the edges, per meter id
     * @param marginMillis how far beyond the range the scan reaches (a few reporting intervals)
     * @param nowMillis readings later than this (plus the margin) cannot exist yet, so none is looked for
     * @return every reading found, per meter id
     */
    public static Map<String, List<Reading>> fetch(ReadingReader store, Map<String, Set<ReadingField>> registers,
                                            long fromMillis, long toMillis, long marginMillis, long nowMillis) {
        Map<String, List<Reading>> byMeter = new HashMap<>();
        registers.keySet().forEach(m -> byMeter.put(m, new ArrayList<>()));
        if (registers.isEmpty()) {
            return byMeter;
        }
        long scanFrom = fromMillis - marginMillis;
        long scanTo = toMillis + marginMillis;
        for (Reading r : store.scan(registers.keySet(), scanFrom, scanTo)) {
            byMeter.computeIfAbsent(r.meterId(), k -> new ArrayList<>()).add(r);
        }
        Set<ReadingField> all = EnumSet.noneOf(ReadingField.class);
        registers.values().forEach(all::addAll);
        // Decide what is missing from the scan alone, before any look-up: a looked-up reading carries every field
        // of its row (QuestDB), and it must not pass for another register's edge, which may lie closer.
        Map<ReadingField, List<String>> missingBefore = new EnumMap<>(ReadingField.class);
        Map<ReadingField, List<String>> missingAfter = new EnumMap<>(ReadingField.class);
        for (ReadingField register : all) {
            registers.forEach((meter, regs) -> {
                if (!regs.contains(register)) {
                    return;
                }
                List<Reading> rs = byMeter.get(meter);
                if (rs.stream().noneMatch(r -> r.get(register) != null && r.tsMillis() < fromMillis)) {
                    missingBefore.computeIfAbsent(register, k -> new ArrayList<>()).add(meter);
                }
                if (rs.stream().noneMatch(r -> r.get(register) != null && r.tsMillis() >= toMillis)) {
                    missingAfter.computeIfAbsent(register, k -> new ArrayList<>()).add(meter);
                }
            });
        }
        missingBefore.forEach((register, meters) -> store.latestBefore(meters, register, scanFrom)
                .forEach((meter, r) -> byMeter.get(meter).add(r)));
        // Ingest refuses readings more than minutes in the future: past now plus the margin there is nothing.
        if (scanTo <= nowMillis + marginMillis) {
            missingAfter.forEach((register, meters) -> store.earliestFrom(meters, register, scanTo)
                    .forEach((meter, r) -> byMeter.get(meter).add(r)));
        }
        return byMeter;
    }
}
