package io.jieneng.analytics.rollup;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.MeterSeries;
import io.jieneng.devices.reading.ReadingField;
import io.jieneng.store.RollupRow;
import io.jieneng.store.RollupSchema;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Between {@link MeterSeries} and stored rows: the one place that knows which per-bucket values a rollup row
 * holds ({@link RollupSchema}). Pure functions.
 */
final class RollupRows {

    private RollupRows() {
    }

    /**
     * The hourly rows of every bucket of {@code hours}, and a daily row per local day: the sum of its hours. The
     * grid must cover whole local days, so every day's row is complete.
     */
    static void fromHours(Map<String, MeterSeries> series, BucketGrid hours, long computedAtMillis,
                          List<RollupRow> hourlyOut, List<RollupRow> dailyOut) {
        ZoneId zone = hours.zone();
        for (MeterSeries s : series.values()) {
            String meter = s.meter().id();
            int i = 0;
            while (i < hours.size()) {
                LocalDate day = Instant.ofEpochMilli(hours.startMillis(i)).atZone(zone).toLocalDate();
                Map<String, Double> dayValues = new HashMap<>();
                int dayReadings = 0;
                boolean dayEstimated = false;
                for (; i < hours.size()
                        && Instant.ofEpochMilli(hours.startMillis(i)).atZone(zone).toLocalDate().equals(day); i++) {
                    Map<String, Double> values = values(s, i);
                    hourlyOut.add(new RollupRow(meter, hours.startMillis(i), values, s.received()[i],
                            s.estimated()[i], computedAtMillis));
                    values.forEach((c, v) -> dayValues.merge(c, v, Double::sum));
                    dayReadings += s.received()[i];
                    dayEstimated |= s.estimated()[i];
                }
                dailyOut.add(new RollupRow(meter, day.atStartOfDay(zone).toInstant().toEpochMilli(), dayValues,
                        dayReadings, dayEstimated, computedAtMillis));
            }
        }
    }

    /** The values of bucket {@code i}: one per register the meter has. */
    static Map<String, Double> values(MeterSeries s, int i) {
        Map<String, Double> out = new HashMap<>();
        s.energy().forEach((register, perBucket) -> out.put(register.jsonName(), perBucket[i]));
        return out;
    }

    /** Copies a row's values into bucket {@code i} of {@code sums}, replacing what was there. */
    static void put(RollupRow row, BucketSums sums, int i) {
        for (ReadingField register : sums.registers()) {
            Double v = row.values().get(register.jsonName());
            sums.energy(register)[i] = v == null ? 0.0 : v;
        }
        sums.received()[i] = row.readings();
        sums.estimated()[i] = row.estimated();
    }

    /** Copies bucket {@code j} of a recomputed series into bucket {@code i} of {@code sums}, replacing it. */
    static void put(MeterSeries s, int j, BucketSums sums, int i) {
        for (ReadingField register : sums.registers()) {
            sums.energy(register)[i] = s.energy(register)[j];
        }
        sums.received()[i] = s.received()[j];
        sums.estimated()[i] = s.estimated()[j];
    }
}
