package io.jieneng.analytics.energy;

import io.jieneng.analytics.store.ReadingStore;
import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fetches what exact apportioning over [from, to) needs: every reading in the range, plus, per meter and
 * register, the last reading before the range and the first after it, because the intervals that straddle the
 * range's edges contribute part of their energy (DOMAIN.md §1.3). One scan with a margin on both sides finds
 * the edge readings of meters that report regularly; targeted look-ups find the rest.
 */
final class ReadingWindow {

    private ReadingWindow() {
    }

    /**
     * @param registers the registers to complete at the edges, per meter id
     * @param marginMillis how far beyond the range the scan reaches (a few reporting intervals)
     * @param nowMillis readings later than this (plus the margin) cannot exist yet, so none is looked for
     * @return every reading found, per meter id
     */
    static Map<String, List<Reading>> fetch(ReadingStore store, Map<String, Set<ReadingField>> registers,
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
        Set<ReadingField> all = new HashSet<>();
        registers.values().forEach(all::addAll);
        for (ReadingField register : all) {
            List<String> missingBefore = new ArrayList<>();
            List<String> missingAfter = new ArrayList<>();
            registers.forEach((meter, regs) -> {
                if (!regs.contains(register)) {
                    return;
                }
                List<Reading> rs = byMeter.get(meter);
                if (rs.stream().noneMatch(r -> r.get(register) != null && r.tsMillis() < fromMillis)) {
                    missingBefore.add(meter);
                }
                if (rs.stream().noneMatch(r -> r.get(register) != null && r.tsMillis() >= toMillis)) {
                    missingAfter.add(meter);
                }
            });
            if (!missingBefore.isEmpty()) {
                store.latestBefore(missingBefore, register, scanFrom)
                        .forEach((meter, r) -> byMeter.get(meter).add(r));
            }
            // Ingest refuses readings more than minutes in the future: past now plus the margin there is nothing.
            if (!missingAfter.isEmpty() && scanTo <= nowMillis + marginMillis) {
                store.earliestFrom(missingAfter, register, scanTo)
                        .forEach((meter, r) -> byMeter.get(meter).add(r));
            }
        }
        return byMeter;
    }
}
