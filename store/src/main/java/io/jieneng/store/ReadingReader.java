package io.jieneng.store;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Reads raw meter readings back from the time-series store. Energy is computed in Java from these
 * (docs/ARCHITECTURE.md:
 * the stores only need writes, range scans and grouped sums), so each adapter stays small and the parity of
 * QuestDB and InfluxDB rests on these three queries.
 */
public interface ReadingReader {

    /** Every reading of {@code meterIds} with {@code fromMillis <= ts < toMillis}, in no particular order. */
    List<Reading> scan(Collection<String> meterIds, long fromMillis, long toMillis);

    /**
     * Per meter, the latest reading before {@code tsMillis} that carries {@code register}. The returned readings
     * carry at least that register; meters without such a reading are absent from the map.
     */
    Map<String, Reading> latestBefore(Collection<String> meterIds, ReadingField register, long tsMillis);

    /** Per meter, the earliest reading at or after {@code tsMillis} that carries {@code register}. */
    Map<String, Reading> earliestFrom(Collection<String> meterIds, ReadingField register, long tsMillis);

    /** True when the store answers a trivial query. */
    boolean isReachable();
}
