package io.jieneng.analytics.energy;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.store.ReadingReader;
import org.junit.jupiter.api.RepeatedTest;

import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ReadingWindowTest {

    /**
     * exportKwh was last reported at 10:00 and energyKwh at 11:00, both before the range. A store whose look-ups
     * return whole rows (QuestDB) hands back the 10:00 row, energyKwh included, for exportKwh's edge; it must not
     * stop the look-up of energyKwh's own, later edge. Repeated: the registers used to be visited in hash order.
     */
    @RepeatedTest(5)
    void anotherRegistersEdgeRowDoesNotHideTheCloserEdge() {
        Reading ten = reading(10, Map.of(ReadingField.ENERGY_KWH, 1.0, ReadingField.EXPORT_KWH, 5.0));
        Reading eleven = reading(11, Map.of(ReadingField.ENERGY_KWH, 2.0));
        Reading inRange = reading(20, Map.of(ReadingField.ENERGY_KWH, 4.0, ReadingField.EXPORT_KWH, 6.0));
        ReadingReader store = new RowStore(List.of(ten, eleven, inRange));

        Map<String, List<Reading>> got = ReadingWindow.fetch(store,
                Map.of("m", EnumSet.of(ReadingField.ENERGY_KWH, ReadingField.EXPORT_KWH)), hours(18), hours(22),
                hours(1), hours(100));

        assertThat(got.get("m")).contains(eleven, ten, inRange);
    }

    private static long hours(int h) {
        return h * 3_600_000L;
    }

    private static Reading reading(int hour, Map<ReadingField, Double> values) {
        return Reading.of("m", hours(hour), new EnumMap<>(values));
    }

    /** Look-ups answer with the whole row, as the QuestDB reader does. */
    private record RowStore(List<Reading> rows) implements ReadingReader {

        @Override
        public List<Reading> scan(Collection<String> meterIds, long fromMillis, long toMillis) {
            return rows.stream().filter(r -> r.tsMillis() >= fromMillis && r.tsMillis() < toMillis).toList();
        }

        @Override
        public Map<String, Reading> latestBefore(Collection<String> meterIds, ReadingField register, long tsMillis) {
            Map<String, Reading> out = new HashMap<>();
            rows.stream().filter(r -> r.get(register) != null && r.tsMillis() < tsMillis)
                    .reduce((a, b) -> b.tsMillis() > a.tsMillis() ? b : a).ifPresent(r -> out.put("m", r));
            return out;
        }

        @Override
        public Map<String, Reading> earliestFrom(Collection<String> meterIds, ReadingField register, long tsMillis) {
            Map<String, Reading> out = new HashMap<>();
            rows.stream().filter(r -> r.get(register) != null && r.tsMillis() >= tsMillis)
                    .reduce((a, b) -> b.tsMillis() < a.tsMillis() ? b : a).ifPresent(r -> out.put("m", r));
            return out;
        }

        @Override
        public boolean isReachable() {
            return true;
        }
    }
}
