package io.jieneng.analytics.energy;

import io.jieneng.devices.reading.ReadingField;
import io.jieneng.devices.registry.Meter;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The energy of individual meters over one range (a data centre's IT and total meters, a PV meter), through the
 * same {@link MeterEnergySource} as institution consumption, with the completeness and estimated flag of those
 * meters.
 */
@ApplicationScoped
public class MeterTotals {

    @Inject
    MeterEnergySource energy;

    @Inject
    ConsumptionService consumption;

    Clock clock = Clock.systemUTC();

    /**
     * @param series       per meter id, the meter's energy per month of the range
     * @param completeness Σ min(received, expected) ÷ Σ expected over the meters, null when none was expected
     * @param estimated    true when a gap in any of the meters' readings was spread into the range
     */
    public record Totals(Map<String, MeterSeries> series, Double completeness, boolean estimated) {

        /** The energy of {@code register} of {@code meterId} over the whole range, in the register's unit. */
        public double total(String meterId, ReadingField register) {
            MeterSeries s = series.get(meterId);
            if (s == null) {
                throw new IllegalArgumentException("no series for meter " + meterId);
            }
            return s.total(register);
        }
    }

    /** The energy of {@code meters} over {@code range}; 400 for a range of more than the allowed buckets. */
    public Totals over(List<Meter> meters, TimeRange range) {
        // Month buckets: the fewest pieces, and rollups serve the whole days of each from their daily sums.
        BucketGrid grid = consumption.grid(range, Interval.MONTH);
        Map<String, MeterSeries> series = energy.series(meters, grid);
        double[] capped = new double[grid.size()];
        double[] expected = new double[grid.size()];
        boolean estimated = false;
        long now = clock.millis();
        for (Meter m : meters) {
            MeterSeries s = series.get(m.id());
            long activeFrom = m.commissioned() == null ? Long.MIN_VALUE
                    : m.commissioned().atStartOfDay(grid.zone()).toInstant().toEpochMilli();
            Completeness.accumulate(s.received(), grid, activeFrom, now, m.intervalSeconds(), capped, expected);
            for (boolean e : s.estimated()) {
                estimated |= e;
            }
        }
        double cappedSum = 0;
        double expectedSum = 0;
        for (int i = 0; i < grid.size(); i++) {
            cappedSum += capped[i];
            expectedSum += expected[i];
        }
        return new Totals(series, Completeness.ratio(cappedSum, expectedSum), estimated);
    }
}
