package io.jieneng.analytics.registry;

import io.jieneng.analytics.node.TimeSeriesStore;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.MeterData;
import io.jieneng.store.ReadingReader;
import io.jieneng.store.RollupSum;
import io.jieneng.store.Store;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Which meters have data, asked of the time-series store before a registry import deletes meters.
 *
 * <p>The cheapest honest check through the store contract: a meter has data when it has any raw reading (the
 * earliest reading from 1970 that carries a register, one bounded query per register, each a per-meter LIMIT 1
 * rather than a scan) or any daily rollup (one grouped sum), which still holds its history once raw readings
 * have expired. A register no reading carries costs one empty answer. Deleting meters is rare, so a few queries
 * per import are nothing.
 */
@ApplicationScoped
public class StoreMeterData implements MeterData {

    /** Rollups are dated by their start; none starts this far in the future. */
    private static final Duration FUTURE_MARGIN = Duration.ofDays(2);

    @Inject
    TimeSeriesStore timeSeries;

    private final Clock clock = Clock.systemUTC();

    @Override
    public Optional<Set<String>> withData(Collection<String> meterIds) {
        // Before the platform has opened its store (a start-up registry file), it cannot tell.
        Store store = timeSeries.store();
        if (store == null) {
            return Optional.empty();
        }
        Set<String> withData = new HashSet<>();
        ReadingReader reader = store.reader();
        for (ReadingField field : ReadingField.values()) {
            withData.addAll(reader.earliestFrom(meterIds, field, 0L).keySet());
        }
        long until = clock.millis() + FUTURE_MARGIN.toMillis();
        for (RollupSum sum : store.rollups().dailySums(meterIds, 0L, until)) {
            withData.add(sum.meter());
        }
        return Optional.of(withData);
    }
}
