package io.jieneng.store;

import io.jieneng.devices.reading.Reading;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sink writes, after each durable batch, one arrival marker per meter of the batch (docs/ROLLUPS.md): its time
 * is when the marker write started, and it spans the meter's earliest and latest reading of the batch. Each test
 * uses meters of its own, so the tests of a class share one store.
 */
abstract class SinkMarkersContract {

    static final long T0 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();

    private final List<Store> stores = new ArrayList<>();

    /** The settings of this class's store. */
    abstract StoreSettings settings();

    /** A sink on this class's store whose markers take their time from {@code clock}. */
    ReadingSink sink(Clock clock) {
        Store store = Stores.open(settings(), Registry::empty, clock);
        stores.add(store);
        return store.newSink();
    }

    @AfterEach
    void closeStores() {
        stores.forEach(Store::close);
        stores.clear();
    }

    /** Every marker of {@code meter} in the store, in time order. */
    abstract List<StoredMarker> markers(String meter) throws Exception;

    /** A stored marker: its time (epoch ms) and range. */
    record StoredMarker(long tsMillis, long fromMillis, long toMillis) {
    }

    @Test
    void eachWriteMarksEveryMeterOfTheBatchWithItsRangeAfterTheReadings() throws Exception {
        try (ReadingSink sink = sink(Clock.systemUTC())) {
            long before = System.currentTimeMillis();
            sink.write(List.of(reading("mk-a", T0 + 5_000), reading("mk-b", T0 + 900), reading("mk-a", T0 + 1_000),
                    reading("mk-a", T0 + 3_000)));
            long after = System.currentTimeMillis();
            List<StoredMarker> a = markers("mk-a");
            List<StoredMarker> b = markers("mk-b");
            assertThat(a).hasSize(1);
            assertThat(a.get(0).fromMillis()).isEqualTo(T0 + 1_000);
            assertThat(a.get(0).toMillis()).isEqualTo(T0 + 5_000);
            assertThat(a.get(0).tsMillis()).isBetween(before, after);
            assertThat(b).extracting(StoredMarker::fromMillis, StoredMarker::toMillis)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(T0 + 900, T0 + 900));
        }
    }

    @Test
    void markersWrittenInTheSameMillisecondAllStay() throws Exception {
        Clock frozen = Clock.fixed(Instant.ofEpochMilli(T0 + 86_400_000), ZoneOffset.UTC);
        try (ReadingSink one = sink(frozen); ReadingSink other = sink(frozen)) {
            one.write(List.of(reading("mk-same", T0)));
            one.write(List.of(reading("mk-same", T0 + 1)));
            other.write(List.of(reading("mk-same", T0 + 2)));
        }
        List<StoredMarker> stored = markers("mk-same");
        assertThat(stored).extracting(StoredMarker::fromMillis).containsExactlyInAnyOrder(T0, T0 + 1, T0 + 2);
        assertThat(stored).allSatisfy(m -> assertThat(m.tsMillis()).isEqualTo(T0 + 86_400_000));
    }

    static Reading reading(String meter, long ts) {
        return Reading.of(meter, ts, Map.of(ReadingField.ENERGY_KWH, 1.0));
    }
}
