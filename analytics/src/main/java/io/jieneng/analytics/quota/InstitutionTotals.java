package io.jieneng.analytics.quota;

import io.jieneng.analytics.energy.BucketGrid;
import io.jieneng.analytics.energy.Interval;
import io.jieneng.analytics.energy.MeterEnergySource;
import io.jieneng.analytics.energy.MeterSum;
import io.jieneng.analytics.platform.JienengConfig;
import io.jieneng.devices.registry.Institution;
import io.jieneng.devices.registry.Meter;
import io.jieneng.devices.registry.Registry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The totals of many institutions over one range of local days, from one call to {@link MeterEnergySource#sums}
 * for all their counting meters: with rollups that is one grouped sum in the store, not one query per
 * institution.
 */
@ApplicationScoped
public class InstitutionTotals {

    /** Which readings count as expected, for the completeness of the totals. */
    public enum Expectation {
        /**
         * As the consumption endpoint counts them: from the meter's commissioning (or the range's start) to the
         * range's end or now, whichever comes first.
         */
        ACTIVE,
        /**
         * Over the whole range for every meter, commissioned or not: how much of the range the data covers, which
         * decides whether a past year's profile is complete enough to project from.
         */
        WHOLE_RANGE
    }

    @Inject
    MeterEnergySource energy;

    @Inject
    JienengConfig config;

    Clock clock = Clock.systemUTC();

    /**
     * Per institution id, in the order given, its totals over [from, toExclusive) in the deployment time zone.
     *
     * @param registry the snapshot the institutions and their meters come from
     */
    public Map<String, EnergyTotals> over(Registry registry, Collection<Institution> institutions, LocalDate from,
                                          LocalDate toExclusive, Expectation expectation) {
        ZoneId zone = config.timezone();
        BucketGrid grid = BucketGrid.of(from.atStartOfDay(zone).toInstant(), toExclusive.atStartOfDay(zone)
                .toInstant(), Interval.MONTH, zone);
        List<Meter> counting = new ArrayList<>();
        for (Institution i : institutions) {
            for (Meter m : registry.metersOf(i.id())) {
                if (m.countsTowardTotals()) {
                    counting.add(m);
                }
            }
        }
        Map<String, MeterSum> sums = counting.isEmpty() ? Map.of() : energy.sums(counting, grid);
        long now = clock.millis();
        Map<String, EnergyTotals> out = new LinkedHashMap<>();
        for (Institution i : institutions) {
            out.put(i.id(), EnergyTotals.of(registry.metersOf(i.id()), sums,
                    m -> expectedReadings(m, grid, zone, now, expectation)));
        }
        return out;
    }

    /** The readings {@code meter} should have sent in the grid's range (fractional, like docs/DOMAIN.md §1.6). */
    static double expectedReadings(Meter meter, BucketGrid grid, ZoneId zone, long nowMillis,
                                   Expectation expectation) {
        long from = grid.fromMillis();
        long to = grid.toMillis();
        if (expectation == Expectation.ACTIVE) {
            if (meter.commissioned() != null) {
                from = Math.max(from, meter.commissioned().atStartOfDay(zone).toInstant().toEpochMilli());
            }
            to = Math.min(to, nowMillis);
        }
        return to > from ? (to - from) / (meter.intervalSeconds() * 1000.0) : 0.0;
    }
}
